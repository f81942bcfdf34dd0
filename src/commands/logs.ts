import { Command } from "commander";
import { type ContextIo, contextFor } from "../lib/context.js";
import { UsageError } from "../lib/errors.js";
import { untilReaderGone } from "../lib/output.js";
import type { LogsDeps } from "../logs/run.js";
import { commandStopSignal } from "./stopSignal.js";

const FUNCTIONS = ["ingestion", "processing"] as const;

export interface LogsCommandDeps {
  resolveCloudTarget?: LogsDeps["resolveCloudTarget"];
}

function functionsOf(name: string | undefined): Array<(typeof FUNCTIONS)[number]> {
  if (name === undefined) return [...FUNCTIONS];
  const wanted = FUNCTIONS.find((candidate) => candidate === name.toLowerCase());
  if (!wanted) {
    throw new UsageError(`"${name}" is not a function of the pipeline.`, {
      hint: "Use one of: bavest-signals logs ingestion, bavest-signals logs processing (or neither, for both)",
    });
  }
  return [wanted];
}

/** `bavest-signals logs`: the functions' structured logs, readable, filtered, followed. */
export function logsCommand(io: ContextIo, deps: LogsCommandDeps = {}): Command {
  return new Command("logs")
    .description("show the functions' logs: ingestion, processing, or both; --follow to keep tailing")
    .argument("[function]", "ingestion or processing (default: both)")
    .option("--since <when>", "start this long ago (30s, 10m, 2h, 1d) or at this time (ISO 8601)", "10m")
    .option("-f, --follow", "keep printing new lines until Ctrl-C")
    .option("--filter <text>", "only lines containing this text, in any case (error also finds ERROR)")
    .addHelpText(
      "after",
      "\nWith --json the functions' JSON lines are passed through unchanged, one a line.\n" +
        "--local reads the files `bavest-signals dev` writes; a stack's come from CloudWatch Logs.",
    )
    .action(async function (this: Command, name: string | undefined) {
      const context = contextFor(this, io);
      const flags = this.opts<{ since: string; follow?: boolean; filter?: string }>();
      const functions = functionsOf(name);
      const { parseSince } = await import("../logs/since.js");
      const since = parseSince(flags.since, Date.now());
      const { runLogs } = await import("../logs/run.js");
      const stop = commandStopSignal();
      try {
        const { local, stack } = context.options;
        const shown = await runLogs(
          {
            local,
            stack,
            env: context.env,
            functions,
            since,
            follow: flags.follow === true,
            ...(flags.filter !== undefined ? { filter: flags.filter } : {}),
          },
          {
            output: context.output,
            // `logs --follow | head`: once stdout's reader is gone, following on is for no one.
            signal: untilReaderGone(context.output.stdout, stop.signal),
            ...(deps.resolveCloudTarget ? { resolveCloudTarget: deps.resolveCloudTarget } : {}),
          },
        );
        if (shown === 0 && flags.follow !== true) {
          context.output.info(
            `No log lines since ${new Date(since).toISOString()}${flags.filter ? ` containing "${flags.filter}"` : ""}.`,
          );
        }
      } finally {
        stop.dispose();
      }
    });
}
