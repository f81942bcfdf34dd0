import { Command } from "commander";
import { type ContextIo, contextFor } from "../lib/context.js";
import { localPipelineFile } from "../lib/paths.js";
import { createStyle } from "../lib/style.js";
import {
  DEV_FLAG_DEFAULTS,
  type DevFlags,
  formatDuration,
  pipelineOptionsFromFlags,
} from "../local/dev/devOptions.js";
import { renderBanner } from "../local/dev/devRender.js";
import { ensureNoPipelineRunning, printingListener, runUntilSignal } from "../local/dev/devSession.js";
import { exitProcess } from "./stopSignal.js";

/**
 * `bavest-signals dev`: the whole pipeline on this machine. Stops on Ctrl-C or SIGTERM within
 * 5 seconds, leaving no process behind, and then exits 0.
 */
export function devCommand(io: ContextIo): Command {
  return new Command("dev")
    .description(
      "run the whole pipeline locally, no AWS: Kinesis, Redis, a Bavest stand-in and both functions",
    )
    .option("--shards <n>", "shards of the local stream", DEV_FLAG_DEFAULTS.shards)
    .option("--redis-url <url>", "use this Redis instead of starting redis-server")
    .option(
      "--live-api",
      "call the real Bavest API (BAVEST_API_KEY, optional BAVEST_API_URL) instead of the stand-in",
    )
    .option("--every <duration>", "how often ingestion runs (10s, 5m, 1h)", DEV_FLAG_DEFAULTS.every)
    .option("--no-ingest", "do not run ingestion; send records with `replay --local`")
    .option(
      "--symbols <list>",
      "the watchlist, comma-separated, or a number N for N synthetic symbols (default: the symbols of fixtures/sample.json)",
    )
    .option(
      "--symbols-file <file>",
      "the watchlist from a file: one symbol a line (or comma-separated), # comments",
    )
    .option(
      "--api-version <version>",
      "the Bavest API version ingestion speaks, v0 (default) or v2; the stand-in then serves only that one",
    )
    .option(
      "--api-latency-ms <ms>",
      "the Bavest stand-in holds every answer back this long",
      DEV_FLAG_DEFAULTS.apiLatencyMs,
    )
    .option("--api-rate-limit <n>", "the Bavest stand-in answers 429 with Retry-After above n requests/s")
    .option(
      "--requests-per-second <n>",
      "the ingestion function's shared request rate (BAVEST_REQUESTS_PER_SECOND)",
    )
    .option("--batch-size <n>", "records per processing invocation, at most", DEV_FLAG_DEFAULTS.batchSize)
    .option(
      "--batching-window <duration>",
      "how long the trigger gathers records before invoking",
      DEV_FLAG_DEFAULTS.batchingWindow,
    )
    .option(
      "--max-retries <n>",
      "retries of a failing batch before it goes to the dead-letter file",
      DEV_FLAG_DEFAULTS.maxRetries,
    )
    .option("--fresh", "start empty: drop the kept stream, shard checkpoints and Redis data first")
    .addHelpText(
      "after",
      "\nThe stream, the shard checkpoints and Redis's data are kept in the state folder: a restart resumes\n" +
        "where processing stopped. Ctrl-C or SIGTERM finishes the batches in flight (Ctrl-C again leaves them\n" +
        "for the next start), stops every server and function it started and exits 0; a third Ctrl-C exits 130.\n" +
        "With --json, the ready record (endpoints, PIDs, files) is printed on stdout as one JSON document.",
    )
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const flags = this.opts<DevFlags>();
      const options = pipelineOptionsFromFlags(flags, context.env);
      await ensureNoPipelineRunning(context.env, context.output);
      // The batch lines go to stderr, the ready banner to stdout: each coloured only on a terminal.
      const style = createStyle(context.output.fancy);
      const bannerStyle = createStyle(context.output.stdoutFancy);
      let deadLetterFile = "";
      options.listener = printingListener(context.output, style, () => deadLetterFile);
      await runUntilSignal(
        options,
        context.output,
        (pipeline) => {
          deadLetterFile = pipeline.record.deadLetterFile;
          const ready = {
            ...pipeline.record,
            recordFile: localPipelineFile(context.env),
            symbols: pipeline.symbols,
          };
          context.output.result(ready, () =>
            renderBanner(
              {
                record: pipeline.record,
                symbols: pipeline.symbols,
                liveApi: options.liveApi !== undefined,
                ingestEvery: options.ingestEveryMs === null ? null : formatDuration(options.ingestEveryMs),
                batchSize: options.batchSize,
                batchingWindowMs: options.batchingWindowMs,
                start: { resumed: pipeline.resumed, checkpoints: pipeline.startCheckpoints },
              },
              bannerStyle,
            ),
          );
        },
        exitProcess,
      );
    });
}
