import type { Command } from "commander";
import type { ContextIo } from "../lib/context.js";
import { doctorCommand } from "./doctor.js";

/**
 * Every command, in the order `--help` lists them. Command modules stay light at import
 * time: heavy packages (@pulumi/*, AWS clients, ioredis) load inside their actions.
 */
export const commandRegistrations: ReadonlyArray<(io: ContextIo) => Command> = [doctorCommand];
