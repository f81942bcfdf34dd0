import { describe, expect, it } from "vitest";
import { redisKeys } from "../../../src/core/redisKeys.js";
import {
  account,
  type PipelineFacts,
  type SentRecord,
  sentRecordOf,
} from "../../../src/replay/accounting.js";
import type { PipelineProbe } from "../../../src/replay/probe.js";
import { renderWaitProgress, waitForProcessing } from "../../../src/replay/wait.js";

const keys = redisKeys("bavest");
const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 20, 15);

function sent(
  index: number,
  symbol: string,
  observedAtMs: number,
  sequenceNumber = `seq-${index}`,
): SentRecord {
  return { index, symbol, observedAtMs, key: keys.peRatio(symbol, observedAtMs), sequenceNumber };
}

function facts(overrides: Partial<PipelineFacts> = {}): PipelineFacts {
  return {
    existingKeys: new Set(),
    newestMs: new Map(),
    rejected: new Set(),
    failed: new Set(),
    ...overrides,
  };
}

/** A clock that moves only when the wait sleeps. */
function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += Math.max(ms, 1);
    },
  };
}

describe("account", () => {
  it("tells stored, duplicate, stale, rejected and failed apart by key, sequence number and horizon", () => {
    const records = [
      sent(0, "AAPL", T),
      sent(1, "AAPL", T), // the same observation twice in one file
      sent(2, "MSFT", T), // existed before the replay
      sent(3, "SAP", T - 8 * DAY), // older than SAP's newest minus 7 days
      sent(4, "BAD", T, "seq-poison"),
      sent(5, "DLQ", T, "seq-dead"),
      sent(6, "LATE", T), // not processed yet
    ];
    const before = new Set([keys.peRatio("MSFT", T)]);
    const now = facts({
      existingKeys: new Set([keys.peRatio("AAPL", T), keys.peRatio("MSFT", T)]),
      newestMs: new Map([["SAP", T]]),
      rejected: new Set(["seq-poison"]),
      failed: new Set(["seq-dead"]),
    });
    const outcomes = account(records, before, now, 7 * DAY, new Set());
    expect(Object.fromEntries(outcomes)).toEqual({
      0: "stored",
      1: "duplicates",
      2: "duplicates",
      3: "stale",
      4: "rejected",
      5: "failed",
    });
  });

  it("keeps a record inside the horizon open until its key appears", () => {
    const outcomes = account(
      [sent(0, "SAP", T - 6 * DAY)],
      new Set(),
      facts({ newestMs: new Map([["SAP", T]]) }),
      7 * DAY,
      new Set(),
    );
    expect(outcomes.size).toBe(0);
  });
});

describe("waitForProcessing", () => {
  it("reports what is still open as not processed once the timeout passes", async () => {
    const probe: PipelineProbe = {
      existing: async () => new Set(),
      facts: async () => facts({ existingKeys: new Set([keys.peRatio("AAPL", T)]) }),
    };
    const progress: string[] = [];
    const counts = await waitForProcessing([sent(0, "AAPL", T), sent(1, "MSFT", T)], new Set(), probe, {
      timeoutMs: 1_000,
      retentionMs: 7 * DAY,
      clock: fakeClock(),
      onProgress: (c) => progress.push(renderWaitProgress(c)),
    });
    expect(counts).toEqual({ stored: 1, duplicates: 0, stale: 0, rejected: 0, failed: 0, notProcessed: 1 });
    expect(progress[0]).toBe(
      "waiting for the pipeline: 1 of 2 processed (stored 1, duplicates 0, stale 0, rejected 0, failed 0)",
    );
  });

  it("ends as soon as every record is accounted for, looking again while some are open", async () => {
    let looks = 0;
    const probe: PipelineProbe = {
      existing: async () => new Set(),
      facts: async () => {
        looks += 1;
        return facts({ existingKeys: new Set(looks >= 3 ? [keys.peRatio("AAPL", T)] : []) });
      },
    };
    const counts = await waitForProcessing([sent(0, "AAPL", T)], new Set(), probe, {
      timeoutMs: 60_000,
      retentionMs: 7 * DAY,
      clock: fakeClock(),
    });
    expect(counts.stored).toBe(1);
    expect(looks).toBe(3);
  });
});

describe("sentRecordOf", () => {
  it("keys a record by its symbol and quote time as processing does", () => {
    const envelope = {
      schemaVersion: 1,
      symbol: "AAPL",
      source: "fixture",
      fetchedAt: "2026-11-20T15:00:02.000Z",
      quote: { c: 1, t: T / 1000 },
    };
    const record = sentRecordOf(
      { index: 4, label: "line 5", PartitionKey: "AAPL", Data: Buffer.from(JSON.stringify(envelope)) },
      keys,
      "49",
    );
    expect(record).toEqual({
      index: 4,
      symbol: "AAPL",
      observedAtMs: T,
      key: `bavest:pe_ratio:AAPL:${T}`,
      sequenceNumber: "49",
    });
  });
});
