import { describe, expect, it } from "vitest";
import { InterruptedError } from "../../../src/lib/errors.js";
import { renderProgressBar } from "../../../src/replay/progressBar.js";
import type { ReplayResult } from "../../../src/replay/run.js";
import { renderReplaySummary, replayStoppedError } from "../../../src/replay/summary.js";
import { entry } from "./fakes.js";

const summary = { records: 4, sent: 1, failed: 3, skipped: 0, batches: 1, durationMs: 2000 };

describe("replay summaries", () => {
  it("say what was sent, where, and how fast", () => {
    const result: ReplayResult = {
      summary: { ...summary, sent: 4, failed: 0 },
      inputName: "q.jsonl",
      target: "the local pipeline",
    };
    expect(renderReplaySummary(result, false)).toBe(
      "Sent 4 of 4 record(s) of q.jsonl to the local pipeline in 1 batch(es) (2.0 s, 2 records/s).",
    );
  });

  it("say a dry run sent nothing", () => {
    const result: ReplayResult = {
      summary: { ...summary, sent: 0, failed: 0, skipped: 1 },
      inputName: "q.json",
    };
    expect(renderReplaySummary(result, true)).toBe(
      "Dry run: 3 of 4 record(s) of q.json are valid, 1 invalid skipped; they would go in 1 batch(es). Nothing was sent.",
    );
  });

  it("turn Ctrl-C into exit 130 with the resume command", () => {
    const result: ReplayResult = {
      summary,
      inputName: "q.jsonl",
      report: {
        acknowledged: [0],
        unacknowledged: [1, 2, 3].map((i) => entry(i, "A")),
        batches: 1,
        interrupted: true,
      },
    };
    const error = replayStoppedError(
      result,
      (from) => `bavest-signals replay --local q.jsonl --from ${from}`,
    );
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.exitCode).toBe(130);
    expect(error.message).toBe(
      [
        "Interrupted: 3 of 4 record(s) of q.jsonl were not sent.",
        "Acknowledged (1): index 0.",
        "First record not acknowledged: index 1.",
        "Resume with: bavest-signals replay --local q.jsonl --from 1",
      ].join("\n"),
    );
  });
});

describe("renderProgressBar", () => {
  it("fills in proportion and shows the count", () => {
    expect(renderProgressBar(50, 200, 8)).toBe("[##------]  50/200 records  25%");
    expect(renderProgressBar(200, 200, 8)).toBe("[########] 200/200 records 100%");
  });
});
