import { join } from "node:path";
import { redisKeys } from "../../core/redisKeys.js";
import type { InspectResult } from "../../inspect/run.js";
import { CliError } from "../../lib/errors.js";
import { localRunDir } from "../../lib/paths.js";
import { type Clock, systemClock } from "../clock.js";
import type { RunningPipeline } from "../pipeline/pipeline.js";
import { PIPELINE_DEFAULTS } from "../pipeline/pipelineOptions.js";
import { SAMPLE_FIXTURE } from "../servers/fakeBavest.js";
import { sendFixtureFile } from "./fixtureSender.js";

/** What `demo` did and found; its `--json` document. */
export interface DemoReport {
  fixture: string;
  sent: number;
  /** Records the trigger finished with (stored, rejected or dead-lettered). */
  completed: number;
  deadLettered: number;
  /** `inspect --json` without a symbol: every symbol and its latest Signal (docs/contracts.md section 6). */
  overview: { symbols: string[]; latest: unknown[] };
  /** `inspect <symbol> --json` for the detail symbol. */
  detail: unknown;
  /** Text renderings of the same, for the plain output. */
  overviewText: string;
  detailText: string;
}

const WAIT_TIMEOUT_MS = 60_000;

/** Waits until the trigger has finished `count` records; fails naming the log when it stalls. */
export async function waitForCompleted(
  pipeline: Pick<RunningPipeline, "stats">,
  count: number,
  logFile: string,
  clock: Clock = systemClock,
): Promise<void> {
  const deadline = clock.now() + WAIT_TIMEOUT_MS;
  while (pipeline.stats().completed < count) {
    if (clock.now() > deadline) {
      throw new CliError(`Only ${pipeline.stats().completed} of ${count} records were processed in time.`, {
        hint: `See the processing log: ${logFile}`,
      });
    }
    await clock.sleep(50);
  }
}

/** The options of the demo's own pipeline: no schedule, a short batching window, its own folder. */
export function demoPipelineOptions(env: NodeJS.ProcessEnv) {
  return {
    ...PIPELINE_DEFAULTS,
    ingestEveryMs: null,
    batchingWindowMs: 200,
    env,
    runDir: join(localRunDir(env), "demo"),
  };
}

/** The overview as data: the tracked symbols and each one's latest Signal, sorted by symbol. */
function overviewDocument(overview: InspectResult) {
  const tracked = overview.kind === "symbols" ? overview.tracked : [];
  const sorted = [...tracked].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  return {
    symbols: sorted.map((entry) => entry.symbol),
    latest: sorted.flatMap((entry) => (entry.latest === null ? [] : [entry.latest])),
  };
}

/** Replays the fixture into a started pipeline, waits for it, and reads the results back. */
export async function replayAndInspect(
  pipeline: RunningPipeline,
  options: { detailSymbol: string; fancy: boolean; fixture?: string },
): Promise<DemoReport> {
  const fixture = options.fixture ?? SAMPLE_FIXTURE;
  const sent = await sendFixtureFile(pipeline.kinesis, pipeline.record.kinesis_stream_name, fixture);
  await waitForCompleted(pipeline, sent, join(pipeline.record.runDir, "processing.log"));
  const [{ connectRedis }, { runInspect, inspectJson, renderInspect }] = await Promise.all([
    import("../../targets/connect.js"),
    import("../../inspect/run.js"),
  ]);
  const redis = await connectRedis({
    url: pipeline.record.redis_url,
    prefix: pipeline.record.redis_prefix,
    description: "the demo pipeline",
  });
  try {
    const keys = redisKeys(pipeline.record.redis_prefix);
    const overview = await runInspect({ limit: 20, rejected: false }, redis, keys);
    const detail = await runInspect(
      { symbol: options.detailSymbol, limit: 20, rejected: false },
      redis,
      keys,
    );
    const stats = pipeline.stats();
    return {
      fixture,
      sent,
      completed: stats.completed,
      deadLettered: stats.deadLettered,
      overview: overviewDocument(overview),
      detail: inspectJson(detail),
      overviewText: renderInspect(overview, options.fancy),
      detailText: renderInspect(detail, options.fancy),
    };
  } finally {
    redis.disconnect();
  }
}
