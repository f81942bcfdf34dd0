import { describe, expect, it } from "vitest";
import {
  evaluateStatus,
  judgeAlarms,
  judgeIngestion,
  judgeProcessing,
  judgeRedis,
  judgeStream,
} from "../../../src/status/health.js";
import type { ProcessingCounts } from "../../../src/status/types.js";
import { ago, counts, facts, ingestion, NOW, redis } from "./facts.js";

describe("health evaluation", () => {
  it("calls a pipeline with every part in order healthy", () => {
    const report = evaluateStatus(facts(), NOW);
    expect(report.health).toBe("healthy");
    expect(report.reason).toBe("every part is healthy");
    expect(report.checkedAt).toBe("2026-11-20T15:00:00.000Z");
  });

  it("judges ingestion by its last run, its failed symbols and an overdue run", () => {
    expect(judgeIngestion(ingestion({ lastRunOk: false, error: "HTTP 403" }), NOW)).toEqual({
      health: "failing",
      reason: "the last run failed: HTTP 403",
    });
    expect(judgeIngestion(ingestion({ symbolsFailed: 2 }), NOW).health).toBe("degraded");
    const overdue = judgeIngestion(ingestion({ nextRunAt: ago(120_000) }), NOW);
    expect(overdue).toMatchObject({ health: "degraded" });
    expect(overdue.reason).toContain("has not happened");
    expect(judgeIngestion(ingestion({ scheduled: false, lastRunAt: null }), NOW).health).toBe("healthy");
    expect(judgeIngestion(ingestion({ lastRunAt: null, nextRunAt: null }), NOW)).toEqual({
      health: "degraded",
      reason: "no run in the last 60.0 min",
    });
    expect(
      judgeIngestion(ingestion({ lastRunAt: null, nextRunAt: null, lookbackMs: 5_000 }), NOW).reason,
    ).toBe("waiting for the first run");
  });

  it("judges the stream by how far processing lags and whether records are read at all", () => {
    const stream = facts().stream;
    expect(judgeStream({ ...stream, iteratorAgeMs: 59_000 }).health).toBe("healthy");
    expect(judgeStream({ ...stream, iteratorAgeMs: 61_000 }).health).toBe("degraded");
    expect(judgeStream({ ...stream, iteratorAgeMs: 300_000 }).health).toBe("failing");
    expect(
      judgeStream({ ...stream, windows: { "5m": { in: 5, out: 0 }, "60m": { in: 5, out: 0 } } }),
    ).toEqual({
      health: "degraded",
      reason: "5 record(s) arrived in 5 min, none read",
    });
  });

  it("judges processing by failures in the last 5 minutes and the dead letter", () => {
    const windows = (recent: ProcessingCounts) => ({ "5m": recent, "60m": recent });
    expect(
      judgeProcessing({ windows: windows(counts({ failed: 3, failedBatches: 1 })), deadLetters: 0 }),
    ).toEqual({
      health: "degraded",
      reason: "3 record failure(s) in 1 batch(es) in 5 min",
    });
    expect(
      judgeProcessing({ windows: windows(counts({ failed: 40, failedBatches: 4 })), deadLetters: 0 }).health,
    ).toBe("failing");
    expect(judgeProcessing({ windows: windows(counts()), deadLetters: 2 }).health).toBe("degraded");
    expect(judgeProcessing({ windows: windows(counts({ batches: 0 })), deadLetters: null }).reason).toContain(
      "idle",
    );
  });

  it("judges Redis by reachability, memory against capacity and stale writes", () => {
    expect(
      judgeRedis(redis({ reachable: false, error: "ECONNREFUSED" }), ingestion(), undefined, true),
    ).toEqual({
      health: "failing",
      reason: "cannot read Redis: ECONNREFUSED",
    });
    // From a stack, an unreachable Redis may only mean no tunnel from this machine.
    expect(judgeRedis(redis({ reachable: false, error: "ECONNREFUSED" }), ingestion()).health).toBe(
      "degraded",
    );
    expect(judgeRedis(redis({ memoryUsedBytes: 8_000_000 }), ingestion()).health).toBe("degraded");
    expect(judgeRedis(redis({ memoryUsedBytes: 9_500_000 }), ingestion()).reason).toBe(
      "memory 95% of the node's capacity",
    );
    expect(judgeRedis(redis({ memoryMaxBytes: 0, memoryUsedBytes: 9e9 }), ingestion()).health).toBe(
      "healthy",
    );
    expect(judgeRedis(redis({ newestWriteAgeMs: 1_000_000 }), ingestion()).health).toBe("degraded");
    expect(judgeRedis(redis({ newestWriteAgeMs: 1_000_000 }), ingestion({ scheduled: false })).health).toBe(
      "healthy",
    );
  });

  it("judges alarms: any in ALARM fails, none found is said plainly", () => {
    expect(judgeAlarms([])).toEqual({
      health: "healthy",
      reason: "no alarms found for this stack (alarms are off)",
    });
    expect(
      judgeAlarms([
        { name: "a", state: "OK" },
        { name: "b", state: "ALARM" },
      ]),
    ).toEqual({
      health: "failing",
      reason: "in ALARM: b",
    });
    expect(judgeAlarms([{ name: "a", state: "INSUFFICIENT_DATA" }]).reason).toBe(
      "1 alarm(s), 1 without data yet",
    );
  });

  it("gives the whole the health of its worst part and that part's reason", () => {
    const report = evaluateStatus(facts({ redis: redis({ reachable: false, error: "gone" }) }), NOW);
    expect(report.health).toBe("failing");
    expect(report.reason).toBe("redis: cannot read Redis: gone");
    expect(report.redis.health).toBe("failing");
    expect(report.processing.health).toBe("healthy");
    const failing = evaluateStatus(facts({ alarms: [{ name: "iterator-age", state: "ALARM" }] }), NOW);
    expect(failing).toMatchObject({ health: "failing", reason: "alarms: in ALARM: iterator-age" });
  });
});

describe("dead letters that were redriven", () => {
  const dead = (deadLettered: number, held?: number) =>
    judgeProcessing({
      windows: { "5m": counts({ deadLettered, batches: 6, failedBatches: 3 }), "60m": counts() },
      deadLetters: held ?? deadLettered,
      ...(held === undefined ? {} : { recentDeadLettersHeld: held }),
    });

  it("fail the pipeline while the dead letter still holds them", () => {
    expect(dead(24)).toEqual({ health: "failing", reason: "24 record(s) went to the dead letter in 5 min" });
    expect(dead(24, 24).health).toBe("failing");
    expect(dead(24, 4)).toEqual({
      health: "failing",
      reason: "24 record(s) went to the dead letter in 5 min (20 of them redriven since, 4 still there)",
    });
  });

  it("are resolved once redriven, and status says so", () => {
    const verdict = dead(24, 0);
    expect(verdict.health).toBe("degraded");
    expect(verdict.reason).toContain("the 24 record(s) dead-lettered in 5 min were redriven");
  });
});
