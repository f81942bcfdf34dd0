import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Where bavest-signals keeps its own files. `BAVEST_SIGNALS_HOME` overrides the default
 * `~/.bavest-signals` (tests point it at a temporary folder).
 */
export function stateHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.BAVEST_SIGNALS_HOME ?? join(homedir(), ".bavest-signals");
}

/** The record `dev` writes so that `--local` commands find the running pipeline. */
export function localPipelineFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateHome(env), "local", "pipeline.json");
}

/** Folder for everything a running `dev` writes: logs, dead letters, counters. */
export function localRunDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateHome(env), "local");
}
