import type { Command } from "commander";
import type { ContextIo } from "../lib/context.js";
import type { WaitLinkDeps } from "../replay/waitLink.js";
import type { RedisTargetDeps } from "../targets/redisTarget.js";
import type { ReplayTargetDeps } from "../targets/streamTarget.js";
import { configureCommand } from "./configure.js";
import { consoleCommand } from "./console.js";
import { demoCommand } from "./demo.js";
import { type DeployCommandDeps, deployCommand } from "./deploy.js";
import { destroyCommand } from "./destroy.js";
import { devCommand } from "./dev.js";
import { diffCommand } from "./diff.js";
import { doctorCommand } from "./doctor.js";
import { driftCommand } from "./drift.js";
import { inspectCommand } from "./inspect.js";
import { invokeCommand } from "./invoke.js";
import { type LogsCommandDeps, logsCommand } from "./logs.js";
import { type OutputsDeps, outputsCommand } from "./outputs.js";
import { planCommand } from "./plan.js";
import { type PreflightCommandDeps, preflightCommand } from "./preflight.js";
import { redriveCommand } from "./redrive.js";
import { replayCommand } from "./replay.js";
import { type StatusCommandDeps, statusCommand } from "./status.js";
import { synthCommand } from "./synth.js";
import { type TunnelCommandDeps, tunnelCommand } from "./tunnel.js";
import { unlockCommand } from "./unlock.js";
import { watchCommand } from "./watch.js";

/**
 * What the commands reach the outside world through, by command: left out, the real AWS,
 * Automation API and tunnel. Tests pass stand-ins to `buildProgram(io, deps)`.
 */
export interface ProgramDeps {
  inspect?: RedisTargetDeps;
  watch?: RedisTargetDeps;
  replay?: ReplayTargetDeps & WaitLinkDeps;
  status?: StatusCommandDeps;
  logs?: LogsCommandDeps;
  outputs?: OutputsDeps;
  tunnel?: TunnelCommandDeps;
  deploy?: DeployCommandDeps;
  preflight?: PreflightCommandDeps;
}

/** Registers one command; it takes its own dependencies from `deps`. */
export type CommandRegistration = (io: ContextIo, deps: ProgramDeps) => Command;

/**
 * Every command, in the order `--help` lists them. Command modules stay light at import
 * time: heavy packages (@pulumi/*, AWS clients, ioredis) load inside their actions.
 */
export const commandRegistrations: readonly CommandRegistration[] = [
  doctorCommand,
  devCommand,
  demoCommand,
  (io, deps) => outputsCommand(io, deps.outputs),
  (io, deps) => replayCommand(io, deps.replay),
  redriveCommand,
  (io, deps) => inspectCommand(io, deps.inspect),
  (io, deps) => statusCommand(io, deps.status),
  (io, deps) => watchCommand(io, deps.watch),
  (io, deps) => consoleCommand(io, deps.inspect),
  (io, deps) => logsCommand(io, deps.logs),
  (io, deps) => tunnelCommand(io, deps.tunnel),
  synthCommand,
  planCommand,
  configureCommand,
  diffCommand,
  (io, deps) => preflightCommand(io, deps.preflight),
  (io, deps) => deployCommand(io, deps.deploy),
  driftCommand,
  destroyCommand,
  unlockCommand,
  invokeCommand,
];
