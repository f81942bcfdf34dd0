import { describe, expect, it } from "vitest";
import { evaluateStatus, judgeIngestion, judgeProcessing, judgeStream } from "../../../src/status/health.js";
import type { StatusFacts } from "../../../src/status/types.js";
import { describeChanges } from "../../../src/status/watch.js";
import { counts, NOW, stream, unscheduledIngestion } from "./facts.js";

// Issue M.1: status exits 1 (health "failing") whenever a part is failing.

describe("what makes a part failing", () => {
  it("a stuck shard, naming since when, why and what waits", () => {
    const verdict = judgeProcessing(
      {
        windows: { "5m": counts(), "60m": counts() },
        deadLetters: 0,
        stuck: [
          {
            shardId: "shardId-000000000000",
            since: new Date(NOW - 90_000).toISOString(),
            reason: "writing 10 record(s) to the dead letter failed (ENOSPC)",
            records: 10,
            attempts: 5,
          },
        ],
      },
      NOW,
    );
    expect(verdict.health).toBe("failing");
    expect(verdict.reason).toMatch(/shardId-000000000000 stuck for 90 s .*ENOSPC.*batch of 10 record/);
  });

  it("records dead-lettered in the last 5 minutes; older dead letters only degrade", () => {
    const recent = { "5m": counts({ deadLettered: 3 }), "60m": counts({ deadLettered: 3 }) };
    expect(judgeProcessing({ windows: recent, deadLetters: 3 }).health).toBe("failing");
    const old = { "5m": counts(), "60m": counts({ deadLettered: 3 }) };
    expect(judgeProcessing({ windows: old, deadLetters: 3 }).health).toBe("degraded");
  });

  it("an ingestion run that wrote none of its symbols", () => {
    const facts = {
      scheduled: true,
      everyMs: 300_000,
      lastRunAt: new Date(NOW - 1_000).toISOString(),
      lastRunOk: true,
      recordsWritten: 0,
      symbolsFailed: 7,
      nextRunAt: new Date(NOW + 200_000).toISOString(),
      lookbackMs: 600_000,
    };
    expect(judgeIngestion(facts, NOW).health).toBe("failing");
    expect(judgeIngestion({ ...facts, recordsWritten: 6, symbolsFailed: 1 }, NOW).health).toBe("degraded");
  });

  it("a backlog that grows while nothing is read, or that waited past the alarm's 5 minutes", () => {
    const stalled = { "5m": { in: 40, out: 0 }, "60m": { in: 40, out: 0 } };
    expect(judgeStream(stream({ windows: stalled, backlog: 40, previousBacklog: 20 })).health).toBe(
      "failing",
    );
    expect(judgeStream(stream({ backlog: 40, previousBacklog: 20 })).health).toBe("degraded");
    expect(judgeStream(stream({ backlog: 40, previousBacklog: 40 })).health).toBe("healthy");
    expect(judgeStream(stream({ backlog: 5, backlogAgeMs: 301_000 })).reason).toMatch(/5 record\(s\) wait/);
    expect(judgeStream(stream({ backlog: 5, backlogAgeMs: 301_000 })).health).toBe("failing");
  });
});

describe("status --watch", () => {
  it("names each part whose health changed since the last check", () => {
    const base: StatusFacts = {
      target: "local",
      ingestion: unscheduledIngestion,
      stream: stream(),
      processing: { windows: { "5m": counts(), "60m": counts() }, deadLetters: 0 },
      redis: {
        reachable: true,
        symbols: 1,
        keys: 3,
        memoryUsedBytes: 1,
        memoryMaxBytes: 0,
        newestObservationAgeMs: 0,
        newestWriteAgeMs: 0,
      },
    };
    const before = evaluateStatus(base, NOW);
    const after = evaluateStatus({ ...base, redis: { ...base.redis, reachable: false, error: "gone" } }, NOW);
    expect(describeChanges(undefined, before)).toEqual([]);
    expect(describeChanges(before, before)).toEqual([]);
    expect(describeChanges(before, after)).toEqual([
      "pipeline: healthy -> failing",
      "redis: healthy -> failing (cannot read Redis: gone)",
    ]);
  });
});
