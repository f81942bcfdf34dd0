import { describe, expect, it } from "vitest";
import {
  deliverBatch,
  type InvocationResult,
  type RetryPolicy,
} from "../../../src/local/mapping/batchDelivery.js";
import type { StreamRecord } from "../../../src/local/mapping/kinesisEvent.js";
import { streamRecord } from "./factories.js";

const policy: RetryPolicy = { maxRetries: 2, bisectOnError: true, backoffMs: (attempt) => attempt * 10 };

function harness(answer: (records: readonly StreamRecord[], call: number) => InvocationResult) {
  const calls: string[][] = [];
  const dead: Array<{ seqs: string[]; reason: string; attempts: number }> = [];
  const sleeps: number[] = [];
  const deps = {
    invoke: async (records: readonly StreamRecord[]) => {
      calls.push(records.map((record) => record.sequenceNumber));
      return answer(records, calls.length);
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    deadLetter: async (records: readonly StreamRecord[], reason: string, attempts: number) => {
      dead.push({ seqs: records.map((record) => record.sequenceNumber), reason, attempts });
    },
  };
  return { calls, dead, sleeps, deps };
}

const batch = [0, 1, 2, 3, 4].map((n) => streamRecord(n));

describe("deliverBatch", () => {
  it("invokes once when the handler succeeds", async () => {
    const { calls, dead, deps } = harness(() => ({ kind: "ok" }));
    const outcome = await deliverBatch(batch, deps, policy);
    expect(calls).toHaveLength(1);
    expect(dead).toEqual([]);
    expect(outcome).toEqual({ invocations: 1, deadLettered: 0 });
  });

  it("retries from the lowest failed record after a partial failure, with backoff", async () => {
    const { calls, sleeps, deps } = harness((_records, call) =>
      call === 1 ? { kind: "partial", firstFailed: 2, failedCount: 2 } : { kind: "ok" },
    );
    await deliverBatch(batch, deps, policy);
    expect(calls).toEqual([
      ["1000", "1001", "1002", "1003", "1004"],
      ["1002", "1003", "1004"],
    ]);
    expect(sleeps).toEqual([10]);
  });

  it("writes the still-failing records to the dead letter after the last retry and moves on", async () => {
    const { calls, dead, deps } = harness((records) => ({
      kind: "partial",
      firstFailed: records.findIndex((record) => record.sequenceNumber === "1003"),
      failedCount: 1,
    }));
    const outcome = await deliverBatch(batch, deps, policy);
    expect(calls).toHaveLength(3);
    expect(dead).toEqual([{ seqs: ["1003", "1004"], reason: "batch item failures", attempts: 3 }]);
    expect(outcome.deadLettered).toBe(2);
  });

  it("bisects on a thrown error until the bad record is alone, and dead-letters only that one", async () => {
    const poisoned = "1003";
    const { dead, deps } = harness((records) =>
      records.some((record) => record.sequenceNumber === poisoned)
        ? { kind: "error", error: new Error("boom") }
        : { kind: "ok" },
    );
    const outcome = await deliverBatch(batch, deps, policy);
    expect(dead).toEqual([{ seqs: [poisoned], reason: "Error: boom", attempts: 3 }]);
    expect(outcome.deadLettered).toBe(1);
  });

  it("retries a thrown error without splitting when bisection is off", async () => {
    const { calls, dead, deps } = harness(() => ({ kind: "error", error: new Error("down") }));
    await deliverBatch(batch, deps, { ...policy, bisectOnError: false, maxRetries: 1 });
    expect(calls).toHaveLength(2);
    expect(dead[0]?.seqs).toHaveLength(5);
  });
});
