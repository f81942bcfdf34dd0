import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { Redis } from "ioredis";
import { encodeEnvelope } from "../src/core/envelope.js";
import { redisKeys } from "../src/core/redisKeys.js";
import { type RunningPipeline, startLocalPipeline } from "../src/local/pipeline/pipeline.js";
import { PIPELINE_DEFAULTS } from "../src/local/pipeline/pipelineOptions.js";
import { benchEnvelope, benchObservedAtMs } from "./records.js";
import { type BenchRow, compared, percentile } from "./stats.js";

const RATE_PER_SECOND = 200;
const PUTS_PER_SECOND = 20;
const REDIS_POLL_MS = 20;
const DRAIN_TIMEOUT_MS = 15_000;
const SLACK_MS = 100;

/** The trigger's pause between empty GetRecords calls, read from the pipeline's own source. */
export async function idlePollMs(
  source = fileURLToPath(new URL("../src/local/pipeline/pipeline.ts", import.meta.url)),
): Promise<number> {
  const match = /idlePollMs:\s*([\d_]+)/.exec(await readFile(source, "utf8"));
  if (!match?.[1]) throw new Error(`no idlePollMs found in ${source}`);
  return Number(match[1].replaceAll("_", ""));
}

/** Records put and not yet visible: pe_ratio key -> when PutRecords returned. */
type Pending = Map<string, number>;

/** Puts `perPut` records every 1/PUTS_PER_SECOND s on a fixed schedule until `durationMs` passed. */
async function putAtRate(pipeline: RunningPipeline, pending: Pending, durationMs: number): Promise<void> {
  const keys = redisKeys(pipeline.record.redis_prefix);
  const perPut = RATE_PER_SECOND / PUTS_PER_SECOND;
  const start = performance.now();
  let n = 0;
  for (let tick = 0; tick * (1000 / PUTS_PER_SECOND) < durationMs; tick++) {
    const due = start + tick * (1000 / PUTS_PER_SECOND);
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const envelopes = Array.from({ length: perPut }, () => {
      const index = n++;
      return { index, envelope: benchEnvelope(index) };
    });
    const Records = envelopes.map(({ envelope }) => ({
      Data: encodeEnvelope(envelope),
      PartitionKey: envelope.symbol,
    }));
    const answer = await pipeline.kinesis.send(
      new PutRecordsCommand({ StreamName: pipeline.record.kinesis_stream_name, Records }),
    );
    const returnedAt = performance.now();
    if (answer.FailedRecordCount) throw new Error(`${answer.FailedRecordCount} records were not put`);
    for (const { index, envelope } of envelopes) {
      pending.set(keys.peRatio(envelope.symbol, benchObservedAtMs(index)), returnedAt);
    }
  }
}

/** Every REDIS_POLL_MS, checks which pending keys exist and records their latency. */
function watchRedis(redis: Redis, pending: Pending, latencies: number[]) {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const keys = [...pending.keys()];
      if (keys.length > 0) {
        const pipeline = redis.pipeline();
        for (const key of keys) pipeline.exists(key);
        const replies = (await pipeline.exec()) ?? [];
        const seenAt = performance.now();
        keys.forEach((key, i) => {
          if (replies[i]?.[1] !== 1) return;
          latencies.push(seenAt - (pending.get(key) ?? seenAt));
          pending.delete(key);
        });
      }
      await new Promise((resolve) => setTimeout(resolve, REDIS_POLL_MS));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

async function drained(pending: Pending): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Local end-to-end latency under the `dev` pipeline (in-process, ingestion off, the dev defaults):
 * records put at 200/s, each timed from PutRecords' return until its Signal exists in Redis.
 */
export async function benchEndToEnd(options: { quick: boolean }): Promise<BenchRow[]> {
  const durationMs = options.quick ? 10_000 : 30_000;
  const home = await mkdtemp(join(tmpdir(), "bavest-bench-e2e-"));
  const pipeline = await startLocalPipeline({
    ...PIPELINE_DEFAULTS,
    ingestEveryMs: null,
    env: { ...process.env, BAVEST_SIGNALS_HOME: home },
  });
  const redis = new Redis(pipeline.record.redis_url);
  const pending: Pending = new Map();
  const latencies: number[] = [];
  try {
    const watcher = watchRedis(redis, pending, latencies);
    await putAtRate(pipeline, pending, durationMs);
    await drained(pending);
    await watcher.stop();
  } finally {
    redis.disconnect();
    await pipeline.stop();
    await rm(home, { recursive: true, force: true });
  }
  return endToEndRows(latencies, pending.size, await idlePollMs());
}

function endToEndRows(latencies: number[], missing: number, pollMs: number): BenchRow[] {
  const windowMs = PIPELINE_DEFAULTS.batchingWindowMs;
  const budget = {
    name: `window ${windowMs} + poll ${pollMs} + ${SLACK_MS} ms`,
    value: windowMs + pollMs + SLACK_MS,
  };
  const note = `${latencies.length} records at ${RATE_PER_SECOND}/s, batch size ${PIPELINE_DEFAULTS.batchSize}, Redis polled every ${REDIS_POLL_MS} ms (adds up to ${REDIS_POLL_MS} ms)${missing > 0 ? `; ${missing} never became visible` : ""}`;
  const row = (metric: string, value: number) => ({ bench: "e2e", metric, value, unit: "ms" });
  return [
    compared(row("PutRecords -> Signal in Redis, p50", percentile(latencies, 50)), budget),
    compared(
      {
        ...row("PutRecords -> Signal in Redis, p95", percentile(latencies, 95)),
        target: "< 1x budget",
        note,
      },
      budget,
      (ratio) => ratio < 1 && missing === 0,
    ),
  ];
}
