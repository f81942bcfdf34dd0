import { existsSync } from "node:fs";
import { join } from "node:path";
import { logGroupOf } from "../cloud/logGroups.js";
import { FUNCTION_OUTPUTS } from "../core/stackOutputs.js";
import { CliError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import { localRunDir } from "../lib/paths.js";
import { createStyle } from "../lib/style.js";
import type { LocalPipelineRecord } from "../local/state.js";
import type { ResolveCloudTarget } from "../status/cloudTarget.js";
import { type LogEntry, matchesFilter, renderLogEntry } from "./render.js";

export const FUNCTIONS = ["ingestion", "processing"] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export interface LogsOptions {
  local: boolean;
  stack: string;
  env: NodeJS.ProcessEnv;
  functions: readonly FunctionName[];
  /** Epoch ms to start from. */
  since: number;
  follow: boolean;
  filter?: string;
}

export interface LogsDeps {
  output: Output;
  /** Aborting ends --follow. */
  signal: AbortSignal;
  readRecord?: (env: NodeJS.ProcessEnv) => Promise<LocalPipelineRecord>;
  resolveCloudTarget?: ResolveCloudTarget;
  pollMs?: number;
}

/** Writes each matching line: unchanged under --json, else rendered (named by function when several). */
function printer(options: LogsOptions, output: Output): { emit(entry: LogEntry): void; count(): number } {
  // The lines go to stdout: coloured only when stdout itself is a terminal.
  const style = createStyle(output.stdoutFancy);
  let shown = 0;
  return {
    emit(entry) {
      if (!matchesFilter(entry, options.filter)) return;
      shown += 1;
      output.stdout.write(
        `${output.json ? entry.text : renderLogEntry(entry, style, options.functions.length > 1)}\n`,
      );
    },
    count: () => shown,
  };
}

/**
 * The run folder of the running `dev`; when none runs, the default one as long as it still
 * holds logs (reading what a stopped pipeline wrote is useful), except with --follow.
 */
async function localRunDirOf(options: LogsOptions, deps: LogsDeps): Promise<string> {
  const readRecord = deps.readRecord ?? (await import("../local/state.js")).readLocalPipelineRecord;
  try {
    return (await readRecord(options.env)).runDir;
  } catch (error) {
    const runDir = localRunDir(options.env);
    const left = options.functions.some((source) => existsSync(join(runDir, `${source}.log`)));
    if (options.follow || !left) throw error;
    deps.output.info(`No local pipeline is running; showing the logs it left in ${runDir}.`);
    return runDir;
  }
}

async function localLogs(
  options: LogsOptions,
  deps: LogsDeps,
  emit: (entry: LogEntry) => void,
): Promise<void> {
  const runDir = await localRunDirOf(options, deps);
  const { readLocalLogs } = await import("./localLogs.js");
  const files = options.functions.map((source) => ({ source, file: join(runDir, `${source}.log`) }));
  await readLocalLogs(
    files,
    {
      since: options.since,
      follow: options.follow,
      signal: deps.signal,
      onFollowing: () =>
        deps.output.info("Following new lines of the local pipeline's logs; Ctrl-C to stop."),
      ...(deps.pollMs ? { pollMs: deps.pollMs } : {}),
    },
    emit,
  );
}

async function cloudLogs(
  options: LogsOptions,
  deps: LogsDeps,
  emit: (entry: LogEntry) => void,
): Promise<void> {
  const resolve = deps.resolveCloudTarget ?? (await import("../status/cloudTarget.js")).defaultCloudTarget;
  const target = await resolve(options.stack, options.env, deps.output);
  try {
    const groups = options.functions.map((source) => {
      const logGroupName = logGroupOf(target.outputs, source);
      if (logGroupName === undefined) {
        throw new CliError(
          `Stack "${options.stack}" has no output "${FUNCTION_OUTPUTS[source].lambdaName}".`,
          {
            hint: `Deploy the current program: bavest-signals deploy --stack ${options.stack}`,
          },
        );
      }
      return { source, logGroupName };
    });
    const { readCloudLogs } = await import("./cloudLogs.js");
    await readCloudLogs(
      target.logs,
      groups,
      {
        since: options.since,
        follow: options.follow,
        signal: deps.signal,
        ...(deps.pollMs ? { pollMs: deps.pollMs } : {}),
      },
      emit,
    );
  } finally {
    await target.close?.();
  }
}

/** Prints the functions' log lines since `since` (and, with follow, new ones); returns how many. */
export async function runLogs(options: LogsOptions, deps: LogsDeps): Promise<number> {
  const out = printer(options, deps.output);
  await (options.local ? localLogs : cloudLogs)(options, deps, out.emit);
  return out.count();
}
