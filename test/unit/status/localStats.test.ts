import { describe, expect, it } from "vitest";
import type { StreamRecord } from "../../../src/local/mapping/kinesisEvent.js";
import { createPipelineStats } from "../../../src/local/pipeline/pipelineStats.js";
import { factsFromSnapshot, sumWindow } from "../../../src/status/localFacts.js";

const T0 = Date.parse("2026-11-20T15:00:00Z");

function records(count: number, arrivedAt: number): StreamRecord[] {
  return Array.from({ length: count }, (_, index) => ({
    shardId: "shardId-000000000000",
    sequenceNumber: String(index),
    partitionKey: "AAPL",
    data: new Uint8Array(),
    approximateArrivalTimestamp: new Date(arrivedAt),
  }));
}

describe("the counters dev keeps, as status reads them", () => {
  it("counts batches, stored, rejected, failed and dead letters per minute and over the windows", () => {
    let now = T0;
    const stats = createPipelineStats({ shards: 2, ingestEveryMs: null }, () => now);
    stats.listener.onBatch?.({ shardId: "s", records: 10, rejected: 2, failed: 0, iteratorAgeMs: 120 });
    stats.listener.onDelivered?.("s", records(10, T0 - 1_000));
    now = T0 + 10 * 60_000;
    stats.listener.onBatch?.({
      shardId: "s",
      records: 3,
      rejected: 0,
      failed: 3,
      iteratorAgeMs: 900,
      error: "x",
    });
    stats.listener.onDeadLetter?.({ shardId: "s", records: 3, reason: "x" });
    stats.listener.onDelivered?.("s", records(3, now - 500));
    now += 1_000;
    const facts = factsFromSnapshot(stats.snapshot(), now);
    expect(facts.processing.windows["5m"]).toEqual({
      batches: 1,
      stored: 0,
      updated: 0,
      duplicates: 0,
      stale: 0,
      rejected: 0,
      failed: 3,
      failedBatches: 1,
      deadLettered: 3,
    });
    expect(facts.processing.windows["60m"]).toEqual({
      batches: 2,
      stored: 8,
      updated: 0,
      duplicates: 0,
      stale: 0,
      rejected: 2,
      failed: 3,
      failedBatches: 1,
      deadLettered: 3,
    });
    expect(facts.processing.deadLetters).toBe(3);
    expect(facts.stream.windows).toEqual({ "5m": { in: 3, out: 3 }, "60m": { in: 13, out: 13 } });
    expect(facts.stream.iteratorAgeMs).toBe(900);
    expect(facts.stream.shards).toBe(2);
    expect(facts.ingestion.scheduled).toBe(false);
  });

  it("counts what the function reported it did with each record, and the P/E disagreements, not a guess", () => {
    const stats = createPipelineStats({ shards: 1, ingestEveryMs: null }, () => T0);
    stats.listener.onBatch?.({
      shardId: "s",
      records: 10,
      failed: 1,
      iteratorAgeMs: 1,
      stored: 3,
      updated: 2,
      duplicates: 1,
      stale: 2,
      rejected: 1,
      peDisagreements: 4,
    });
    const { totals } = stats.snapshot();
    expect(totals).toMatchObject({ stored: 3, updated: 2, duplicates: 1, stale: 2, rejected: 1, failed: 1 });
    expect(totals.peDisagreements).toBe(4);
    expect(factsFromSnapshot(stats.snapshot(), T0).processing.windows["5m"]).toMatchObject({
      stored: 3,
      updated: 2,
    });
  });

  it("forgets minutes older than an hour but keeps the totals", () => {
    let now = T0;
    const stats = createPipelineStats({ shards: 1, ingestEveryMs: 60_000 }, () => now);
    stats.listener.onBatch?.({ shardId: "s", records: 5, failed: 0, iteratorAgeMs: 1 });
    now = T0 + 61 * 60_000;
    const snapshot = stats.snapshot();
    expect(snapshot.minutes).toEqual([]);
    expect(snapshot.totals.records).toBe(5);
    expect(sumWindow(snapshot.minutes, now, 3_600_000).batches).toBe(0);
  });

  it("records the last ingestion run and when the next one is due", () => {
    const stats = createPipelineStats({ shards: 1, ingestEveryMs: 300_000 }, () => T0);
    stats.listener.onIngestion?.({
      ok: true,
      summary: { written: 6, failures: [{ symbol: "X" }], durationMs: 1_000 },
    });
    const facts = factsFromSnapshot(stats.snapshot(), T0);
    expect(facts.ingestion).toEqual({
      scheduled: true,
      everyMs: 300_000,
      lastRunAt: "2026-11-20T15:00:00.000Z",
      lastRunOk: true,
      recordsWritten: 6,
      symbolsFailed: 1,
      nextRunAt: "2026-11-20T15:04:59.000Z",
      lookbackMs: 0,
    });
  });

  it("tells whoever listens after every change", () => {
    const stats = createPipelineStats({ shards: 1, ingestEveryMs: null });
    let changes = 0;
    stats.onChange = () => {
      changes += 1;
    };
    stats.listener.onBatch?.({ shardId: "s", records: 1, failed: 0, iteratorAgeMs: 1 });
    stats.listener.onDeadLetter?.({ shardId: "s", records: 1, reason: "x" });
    expect(changes).toBe(2);
  });
});
