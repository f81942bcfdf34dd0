import { describe, expect, it } from "vitest";
import type { RecordOutcome } from "../../../src/core/outcomes.js";
import {
  account,
  nothingWritten,
  type PipelineFacts,
  type SentRecord,
} from "../../../src/replay/accounting.js";
import type { PipelineProbe, ProbeFacts } from "../../../src/replay/probe.js";
import { renderWaitProgress, waitForProcessing } from "../../../src/replay/wait.js";

type Written = Exclude<RecordOutcome, "failed">;

function sent(index: number, sequenceNumber: string | undefined = `seq-${index}`): SentRecord {
  return { index, ...(sequenceNumber === undefined ? {} : { sequenceNumber }) };
}

function facts(outcomes: Array<[string, Written]>, failed: string[] = []): PipelineFacts {
  return { outcomes: new Map(outcomes), failed: new Set(failed) };
}

/** A probe that hands out the outcome batches one look at a time, as the stream grows. */
function probeOf(
  looks: Array<Array<[string, Written]>>,
  failed: string[] = [],
): PipelineProbe & { seen: string[] } {
  const seen: string[] = [];
  let look = 0;
  return {
    seen,
    mark: async () => "5-0",
    facts: async (cursor): Promise<ProbeFacts> => {
      seen.push(cursor);
      const outcomes = looks[look] ?? [];
      look += 1;
      return { outcomes, cursor: `${5 + look}-0`, failed: new Set(failed) };
    },
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
  it("takes each record's outcome from what the function reported for its sequence number", () => {
    const records = [sent(0), sent(1), sent(2), sent(3), sent(4), sent(5), sent(6), sent(7, undefined)];
    const outcomes = account(
      records,
      facts(
        [
          ["seq-0", "stored"],
          ["seq-1", "updated"],
          ["seq-2", "duplicate"],
          ["seq-3", "stale"],
          ["seq-4", "rejected"],
        ],
        ["seq-5"],
      ),
    );
    expect(Object.fromEntries(outcomes)).toEqual({
      0: "stored",
      1: "updated",
      2: "duplicates",
      3: "stale",
      4: "rejected",
      5: "failed",
    });
  });

  it("counts a record written before its retried batch went to the dead letter as what its write did", () => {
    const outcomes = account([sent(0)], facts([["seq-0", "stored"]], ["seq-0"]));
    expect(outcomes.get(0)).toBe("stored");
  });
});

describe("waitForProcessing", () => {
  it("reports what is still open as not processed once the timeout passes", async () => {
    const progress: string[] = [];
    const counts = await waitForProcessing([sent(0), sent(1)], "5-0", probeOf([[["seq-0", "stored"]]]), {
      timeoutMs: 1_000,
      clock: fakeClock(),
      onProgress: (c) => progress.push(renderWaitProgress(c)),
    });
    expect(counts).toEqual({
      stored: 1,
      updated: 0,
      duplicates: 0,
      stale: 0,
      rejected: 0,
      failed: 0,
      notProcessed: 1,
    });
    expect(progress[0]).toBe(
      "waiting for the pipeline: 1 of 2 processed (stored 1, updated 0, duplicates 0, stale 0, rejected 0, failed 0)",
    );
  });

  it("reads on from its cursor, keeps a record's first outcome, and ends once every record is accounted for", async () => {
    const probe = probeOf([
      [],
      [["seq-0", "stored"]],
      [
        ["seq-0", "duplicate"],
        ["seq-1", "updated"],
      ],
    ]);
    const counts = await waitForProcessing([sent(0), sent(1)], "5-0", probe, {
      timeoutMs: 60_000,
      clock: fakeClock(),
    });
    expect(counts).toMatchObject({ stored: 1, updated: 1, duplicates: 0, notProcessed: 0 });
    expect(probe.seen).toEqual(["5-0", "6-0", "7-0"]);
  });
});

describe("nothingWritten", () => {
  it("is true only when no record was stored and none updated", () => {
    const zero = { stored: 0, updated: 0, duplicates: 4, stale: 0, rejected: 0, failed: 0, notProcessed: 0 };
    expect(nothingWritten(zero)).toBe(true);
    expect(nothingWritten({ ...zero, updated: 1 })).toBe(false);
    expect(nothingWritten({ ...zero, stored: 1 })).toBe(false);
  });
});
