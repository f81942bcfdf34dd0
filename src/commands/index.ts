import type { Command } from "commander";
import type { ContextIo } from "../lib/context.js";
import { configureCommand } from "./configure.js";
import { demoCommand } from "./demo.js";
import { deployCommand } from "./deploy.js";
import { destroyCommand } from "./destroy.js";
import { devCommand } from "./dev.js";
import { diffCommand } from "./diff.js";
import { doctorCommand } from "./doctor.js";
import { driftCommand } from "./drift.js";
import { inspectCommand } from "./inspect.js";
import { invokeCommand } from "./invoke.js";
import { logsCommand } from "./logs.js";
import { outputsCommand } from "./outputs.js";
import { planCommand } from "./plan.js";
import { redriveCommand } from "./redrive.js";
import { replayCommand } from "./replay.js";
import { statusCommand } from "./status.js";
import { synthCommand } from "./synth.js";
import { tunnelCommand } from "./tunnel.js";
import { unlockCommand } from "./unlock.js";
import { watchCommand } from "./watch.js";

/**
 * Every command, in the order `--help` lists them. Command modules stay light at import
 * time: heavy packages (@pulumi/*, AWS clients, ioredis) load inside their actions.
 */
export const commandRegistrations: ReadonlyArray<(io: ContextIo) => Command> = [
  doctorCommand,
  devCommand,
  demoCommand,
  outputsCommand,
  replayCommand,
  redriveCommand,
  inspectCommand,
  statusCommand,
  watchCommand,
  logsCommand,
  tunnelCommand,
  synthCommand,
  planCommand,
  configureCommand,
  diffCommand,
  deployCommand,
  driftCommand,
  destroyCommand,
  unlockCommand,
  invokeCommand,
];
