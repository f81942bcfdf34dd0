import type { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { describe, expect, it } from "vitest";
import { backoffDelayMs, retryAfterMs } from "../../../src/core/retry.js";
import { planPutRecordsBatches, putRecordsWithRetry } from "../../../src/kinesis/kinesisClient.js";

const entry = (key: string, bytes = 10) => ({ Data: new Uint8Array(bytes), PartitionKey: key });

describe("planPutRecordsBatches", () => {
  it("puts at most 500 records in a call", () => {
    const batches = planPutRecordsBatches(Array.from({ length: 1201 }, (_, i) => entry(`S${i}`)));
    expect(batches.map((b) => b.length)).toEqual([500, 500, 201]);
  });

  it("keeps each call within 5 MiB counting data and partition key", () => {
    // 6 records of 1 MiB minus 1 byte of data + 1 byte key = exactly 1 MiB each: 5 fit, the 6th does not.
    const batches = planPutRecordsBatches(Array.from({ length: 6 }, () => entry("A", 1024 * 1024 - 1)));
    expect(batches.map((b) => b.length)).toEqual([5, 1]);
  });

  it("keeps the order and returns nothing for no entries", () => {
    expect(planPutRecordsBatches([entry("A"), entry("B")])).toEqual([[entry("A"), entry("B")]]);
    expect(planPutRecordsBatches([])).toEqual([]);
  });

  it("names a record above the 1 MiB limit", () => {
    expect(() => planPutRecordsBatches([entry("A"), entry("BIG", 1024 * 1024)])).toThrow(/record 1 \(BIG\)/);
  });
});

/** A fake Kinesis that fails the entries whose key is listed, as many times as listed. */
function fakeKinesis(failures: Record<string, number>) {
  const calls: string[][] = [];
  return {
    calls,
    async send(command: unknown) {
      const records = (command as PutRecordsCommand).input.Records ?? [];
      calls.push(records.map((r) => r.PartitionKey ?? ""));
      const results = records.map((r, i) => {
        const left = failures[r.PartitionKey ?? ""] ?? 0;
        if (left > 0) {
          failures[r.PartitionKey ?? ""] = left - 1;
          return { ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: "slow down" };
        }
        return { SequenceNumber: String(i), ShardId: "shardId-0" };
      });
      return { FailedRecordCount: results.filter((r) => "ErrorCode" in r).length, Records: results };
    },
  };
}

describe("putRecordsWithRetry", () => {
  const noSleep = { sleep: async () => {} };

  it("resends only the failed entries until they are acknowledged", async () => {
    const kinesis = fakeKinesis({ B: 2 });
    const outcome = await putRecordsWithRetry(kinesis, "s", [entry("A"), entry("B"), entry("C")], noSleep);
    expect(kinesis.calls).toEqual([["A", "B", "C"], ["B"], ["B"]]);
    expect(outcome.acknowledged.map((a) => a.entry.PartitionKey)).toEqual(["A", "C", "B"]);
    expect(outcome).toMatchObject({ failed: [], calls: 3 });
  });

  it("gives up after maxAttempts and returns what was not written", async () => {
    const kinesis = fakeKinesis({ B: 99 });
    const outcome = await putRecordsWithRetry(kinesis, "s", [entry("A"), entry("B")], {
      ...noSleep,
      maxAttempts: 3,
    });
    expect(outcome.failed.map((f) => [f.entry.PartitionKey, f.errorCode])).toEqual([
      ["B", "ProvisionedThroughputExceededException"],
    ]);
    expect(outcome.calls).toBe(3);
  });

  it("retries a whole call that threw, but not a permanent error", async () => {
    let thrown = 0;
    const flaky = {
      async send(command: unknown) {
        if (thrown++ === 0) throw Object.assign(new Error("socket hang up"), { name: "NetworkError" });
        return fakeKinesis({}).send(command);
      },
    };
    expect((await putRecordsWithRetry(flaky, "s", [entry("A")], noSleep)).acknowledged).toHaveLength(1);
    let calls = 0;
    const missing = {
      async send() {
        calls += 1;
        throw Object.assign(new Error("Stream s not found"), { name: "ResourceNotFoundException" });
      },
    };
    const outcome = await putRecordsWithRetry(missing, "s", [entry("A")], noSleep);
    expect(calls).toBe(1);
    expect(outcome.failed[0]?.errorCode).toBe("ResourceNotFoundException");
  });

  it("waits with exponential backoff and full jitter between attempts", async () => {
    const waits: number[] = [];
    await putRecordsWithRetry(fakeKinesis({ A: 3 }), "s", [entry("A")], {
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
      backoff: { baseMs: 100, capMs: 300 },
    });
    expect(waits).toEqual([50, 100, 150]);
  });
});

describe("retry helpers", () => {
  it("caps the jittered delay", () => {
    expect(backoffDelayMs(10, { baseMs: 100, capMs: 1000 }, () => 0.999)).toBe(999);
    expect(backoffDelayMs(0, { baseMs: 100, capMs: 1000 }, () => 0)).toBe(0);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(retryAfterMs("2", now)).toBe(2000);
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
