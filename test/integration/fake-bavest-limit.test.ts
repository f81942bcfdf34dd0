import { afterEach, describe, expect, it } from "vitest";
import type { PutRecordsClient } from "../../src/kinesis/putRecords.js";
import { createIngestionHandler } from "../../src/lambdas/ingestion/handler.js";
import {
  type FakeBavest,
  fixedWindowLimit,
  LOCAL_API_KEY,
  startFakeBavest,
} from "../../src/local/servers/fakeBavest.js";

let fake: FakeBavest | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const quote = (url: string, symbol: string) =>
  fetch(`${url}/quote`, {
    method: "POST",
    headers: { "x-api-key": LOCAL_API_KEY, "content-type": "application/json" },
    body: JSON.stringify({ symbol }),
  });

/** A Kinesis stand-in that acknowledges every entry and remembers the partition keys. */
function acceptingKinesis(keys: string[]): PutRecordsClient {
  return {
    async send(command) {
      const entries = (command as { input: { Records: { PartitionKey: string }[] } }).input.Records;
      keys.push(...entries.map((entry) => entry.PartitionKey));
      return {
        FailedRecordCount: 0,
        Records: entries.map((_, i) => ({ SequenceNumber: String(i), ShardId: "s" })),
      };
    },
  };
}

describe("the Bavest stand-in's request limit", () => {
  it("counts requests per fixed one-second window, like a plan counted per second", () => {
    let now = 10_900;
    const limit = fixedWindowLimit(3, () => now);
    const inFirst = [1, 2, 3, 4].map(() => limit.take().ok);
    expect(inFirst).toEqual([true, true, true, false]);
    now = 11_000;
    expect([1, 2, 3, 4].map(() => limit.take().ok)).toEqual([true, true, true, false]);
    expect(limit.take()).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("answers 429 with a Retry-After in whole seconds once a burst exceeds the limit", async () => {
    fake = await startFakeBavest({ requestsPerSecond: 5 });
    const url = fake.url;
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => quote(url, `S${i}`)));
    const limited = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(5);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    for (const answer of limited) expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(fake.throttled()).toBe(limited.length);
    await Promise.all(answers.map((answer) => answer.body?.cancel()));
  });

  it("is never tripped by ingestion paced at the same rate", async () => {
    fake = await startFakeBavest({ requestsPerSecond: 50, latencyMs: 5 });
    const symbols = Array.from({ length: 80 }, (_, i) => `SYM${i}`);
    const keys: string[] = [];
    const handler = createIngestionHandler({
      kinesis: acceptingKinesis(keys),
      settings: {
        streamName: "quotes",
        apiUrl: fake.url,
        symbols: [],
        requestsPerSecond: 50,
        concurrency: 8,
        timeoutMs: 5_000,
        maxAttempts: 4,
        backoff: { baseMs: 50, capMs: 500 },
        maxRetryAfterMs: 5_000,
        putMaxAttempts: 3,
        apiKey: { apiKey: LOCAL_API_KEY },
      },
      logger: { info() {}, warn() {}, error() {}, debug() {} } as never,
    });
    const summary = await handler({ symbols });
    expect(summary).toMatchObject({ symbols: 80, written: 80, failures: [] });
    expect(keys.sort()).toEqual([...symbols].sort());
    expect(fake.throttled()).toBe(0);
  });
});
