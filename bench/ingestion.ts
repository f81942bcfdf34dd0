import type { PutRecordsClient } from "../src/kinesis/putRecords.js";
import { createIngestionHandler } from "../src/lambdas/ingestion/handler.js";
import { LOCAL_API_KEY, startFakeBavest } from "../src/local/servers/fakeBavest.js";
import type { BenchRow } from "./stats.js";

const LATENCY_MS = 40;
/** The stand-in's limit, counted per fixed one-second window (`dev --api-rate-limit`). */
const LIMIT_PER_SECOND = 100;
const silent = { info() {}, warn() {}, error() {}, debug() {} } as never;

/** Kinesis that takes every entry at once: the figure is the API side alone. */
const acceptingKinesis: PutRecordsClient = {
  async send(command) {
    const records = (command as { input: { Records: unknown[] } }).input.Records;
    return {
      FailedRecordCount: 0,
      Records: records.map((_, i) => ({ SequenceNumber: String(i), ShardId: "s" })),
    };
  },
};

/** One ingestion run of `count` symbols against a fresh stand-in; wall time and the 429s it drew. */
async function run(count: number, requestsPerSecond: number | undefined) {
  const fake = await startFakeBavest({ latencyMs: LATENCY_MS, requestsPerSecond: LIMIT_PER_SECOND });
  try {
    const handler = createIngestionHandler({
      kinesis: acceptingKinesis,
      logger: silent,
      settings: {
        streamName: "bench",
        apiUrl: fake.url,
        symbols: [],
        requestsPerSecond,
        concurrency: 8,
        timeoutMs: 5_000,
        maxAttempts: 6,
        backoff: { baseMs: 200, capMs: 5_000 },
        maxRetryAfterMs: 10_000,
        putMaxAttempts: 5,
        apiKey: { apiKey: LOCAL_API_KEY },
      },
    });
    const symbols = Array.from({ length: count }, (_, i) => `SYM${i}`);
    const started = performance.now();
    const summary = await handler({ symbols });
    return { ms: performance.now() - started, throttled: fake.throttled(), failed: summary.failures.length };
  } finally {
    await fake.stop();
  }
}

/**
 * Ingestion against the Bavest stand-in (40 ms latency, a limit of 100 requests counted per
 * fixed one-second window): with the shared rate the run should take the limit's bound
 * (symbols / limit) within 1.2x and draw at most 2 answers 429; without it, for comparison,
 * every request retries on its own.
 */
export async function benchIngestion(options: { quick: boolean }): Promise<BenchRow[]> {
  const count = options.quick ? 300 : 1_000;
  const boundMs = (count / LIMIT_PER_SECOND) * 1000;
  const paced = await run(count, LIMIT_PER_SECOND);
  const unpaced = await run(count, undefined);
  const metric = `${count.toLocaleString("en-US")} symbols, ${LATENCY_MS} ms latency, ${LIMIT_PER_SECOND} req/s limit`;
  const bound = { name: "limit's bound (symbols / limit)", value: boundMs / 1000 };
  const seconds = (ms: number) => ms / 1000;
  return [
    {
      bench: "ingestion",
      metric: `${metric}: shared rate, wall time`,
      value: seconds(paced.ms),
      unit: "s",
      baseline: bound,
      ratio: paced.ms / boundMs,
      target: "<= 1.2x bound",
      met: paced.ms / boundMs <= 1.2,
      note: `${paced.throttled} answers 429, ${paced.failed} symbols failed`,
    },
    {
      bench: "ingestion",
      metric: `${metric}: shared rate, 429 answers`,
      value: paced.throttled,
      unit: "429s",
      target: "<= 2",
      met: paced.throttled <= 2,
    },
    {
      bench: "ingestion",
      metric: `${metric}: no shared rate (each request retries alone), wall time`,
      value: seconds(unpaced.ms),
      unit: "s",
      baseline: bound,
      ratio: unpaced.ms / boundMs,
      note: `${unpaced.throttled} answers 429, ${unpaced.failed} symbols failed`,
    },
  ];
}
