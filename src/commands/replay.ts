import { Command } from "commander";
import { type ContextIo, contextFor } from "../lib/context.js";
import { UsageError } from "../lib/errors.js";
import { hintCommand } from "../lib/givenFlags.js";
import { workDirOption } from "../lib/workDirOption.js";
import type { WaitLinkDeps } from "../replay/waitLink.js";
import type { CloudReplayResolver, ReplayTargetDeps } from "../targets/streamTarget.js";
import { commandStopSignal } from "./stopSignal.js";

interface ReplayFlags {
  rate?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  from?: string;
  workDir?: string;
  wait?: boolean;
  waitTimeout?: string;
}

/** `--rate`: records per second, a positive number. */
export function parseRate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new UsageError(`--rate ${value} is not a positive number of records per second.`, {
      hint: "For example: bavest-signals replay fixtures/sample.json --local --rate 100",
    });
  }
  return rate;
}

/** `--from`: the 0-based index of the first record to send. */
export function parseFrom(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value.trim())) {
    throw new UsageError(`--from ${value} is not a record index (0, 1, 2, ...).`, {
      hint: "Use the index a stopped replay printed, e.g. --from 1000",
    });
  }
  const from = Number(value);
  // Beyond 2^53 - 1 a number no longer holds every integer: 99999999999999999999 would become 1e20.
  if (!Number.isSafeInteger(from)) {
    throw new UsageError(
      `--from ${value.trim()} is larger than any record index (at most ${Number.MAX_SAFE_INTEGER}).`,
      { hint: "Use the index a stopped replay printed, e.g. --from 1000" },
    );
  }
  return from;
}

/** `--wait-timeout` means nothing without `--wait`: refused rather than ignored. */
function checkWaitFlags(command: Command, wait: boolean): void {
  if (wait || command.getOptionValueSource("waitTimeout") !== "cli") return;
  throw new UsageError("--wait-timeout only applies with --wait: it is how long --wait waits.", {
    hint: "For example: bavest-signals replay fixtures/sample.json --local --wait --wait-timeout 2m",
  });
}

/** `--wait-timeout`: a duration such as 30s or 5m. */
async function parseWaitTimeout(value: string | undefined): Promise<number> {
  const { parseDuration } = await import("../local/pipeline/scheduler.js");
  return parseDuration(value ?? "60s", "--wait-timeout");
}

/** The command that resumes a stopped replay at `from`, with the same target and flags. */
export function resumeCommand(
  source: string,
  flags: { rate?: number; skipInvalid: boolean },
  commandLine: (words: string[], after: string[]) => string,
) {
  return (from: number): string => {
    const input =
      source === "-" ? "- < <the same input>" : /[\s"'$]/.test(source) ? JSON.stringify(source) : source;
    const extra = [
      ...(flags.rate !== undefined ? ["--rate", String(flags.rate)] : []),
      ...(flags.skipInvalid ? ["--skip-invalid"] : []),
    ];
    return commandLine(["replay"], [input, "--from", String(from), ...extra]);
  };
}

export function replayCommand(io: ContextIo, targetDeps: ReplayTargetDeps & WaitLinkDeps = {}): Command {
  return new Command("replay")
    .description(
      "send recorded quotes (a JSON array, JSON Lines or a Kinesis event; - for stdin) into the stream",
    )
    .argument("<file>", "the fixture file, or - to read stdin")
    .option("--rate <records/s>", "send at most this many records per second")
    .option("--dry-run", "validate every record and plan the batches, send nothing")
    .option("--skip-invalid", "leave invalid records out (with a warning) instead of stopping")
    .option("--from <index>", "start at this record index (to resume a stopped replay)")
    .option(
      "--wait",
      "after sending, wait until the pipeline has processed the records and report what it did",
    )
    .option("--wait-timeout <duration>", "with --wait: stop waiting after this long (e.g. 30s, 5m)", "60s")
    .addOption(workDirOption())
    .action(async function (this: Command, source: string) {
      const context = contextFor(this, io);
      const flags = this.opts<ReplayFlags>();
      checkWaitFlags(this, flags.wait === true);
      const options = {
        source,
        rate: parseRate(flags.rate),
        from: parseFrom(flags.from),
        dryRun: flags.dryRun === true,
        skipInvalid: flags.skipInvalid === true,
        ...(flags.wait === true ? { wait: { timeoutMs: await parseWaitTimeout(flags.waitTimeout) } } : {}),
      };
      const [{ runReplay }, { resolveReplayTarget }, { createKinesisBatchSender }, summary] =
        await Promise.all([
          import("../replay/run.js"),
          import("../targets/streamTarget.js"),
          import("../replay/kinesisSender.js"),
          import("../replay/summary.js"),
        ]);
      const { local, stack } = context.options;
      // The first Ctrl-C lets batches in flight finish and reports how to resume; a second one kills.
      const stop = commandStopSignal();
      const result = await runReplay(
        { ...options, stop: stop.signal },
        {
          output: context.output,
          input: io.stdin ? { stdin: io.stdin as AsyncIterable<Uint8Array> } : {},
          resolveTarget: async () =>
            resolveReplayTarget(
              { local, stack, env: context.env },
              {
                ...targetDeps,
                cloud: targetDeps.cloud ?? (local ? undefined : await realCloudReplayTarget(flags.workDir)),
              },
            ),
          createSender: (target) => createKinesisBatchSender(target, { env: context.env }),
          openWaitLink: async () => {
            const { openWaitLink } = await import("../replay/waitLink.js");
            return openWaitLink({ local, stack, env: context.env, output: context.output }, targetDeps);
          },
        },
      ).finally(stop.dispose);
      context.output.result({ ...result.summary, ...result.processed }, () =>
        summary.renderReplaySummary(result, options.dryRun),
      );
      const commandLine = (words: string[], after: string[] = []) => hintCommand(this, words, after);
      if (result.report) {
        throw summary.replayStoppedError(result, resumeCommand(source, options, commandLine));
      }
      if (result.processed && summary.nothingWritten(result.processed))
        throw summary.nothingStoredError(result, commandLine);
    });
}

/** The deployed stream, its region and shards: the Automation API, loaded only for --stack. */
async function realCloudReplayTarget(workDir: string | undefined): Promise<CloudReplayResolver> {
  const { cloudReplayTarget } = await import("../cloud/targets.js");
  return cloudReplayTarget({ interactive: process.stdin.isTTY === true, workDir });
}
