import { describe, expect, it } from "vitest";
import { createRenderer, type ProgressMode } from "../../../src/deploy/progressRenderer.js";
import type { EngineEvent } from "../../../src/stack/engine/types.js";
import { recordedEvents } from "../engine/fakeEngine.js";

/** Replays a recorded sequence with a clock that follows the events' own timestamps. */
function replay(events: EngineEvent[], mode: ProgressMode) {
  let written = "";
  let clock = 0;
  const renderer = createRenderer({ mode, write: (text) => (written += text), now: () => clock });
  for (const event of events) {
    clock = event.timestamp * 1000;
    renderer.onEvent(event);
  }
  renderer.stop();
  return { lines: written.trimEnd().split("\n"), renderer };
}

describe("progress renderer on recorded engine events", () => {
  it("shows each resource starting and finishing with its elapsed time, then the summary", () => {
    const { lines } = replay(recordedEvents("up-success"), "plain");

    expect(lines).toContain("+ creating signals-stream (aws:kinesis:Stream)...");
    expect(lines).toContain("+ created signals-stream (aws:kinesis:Stream)  23s");
    expect(lines).toContain("+ created signals-cache (aws:elasticache:ReplicationGroup)  9m34s");
    expect(
      lines.some((line) => line.includes("pulumi:providers") || line.includes("pulumi:pulumi:Stack")),
    ).toBe(false);
    expect(lines).toContain("warning: ElastiCache takes several minutes to create a replication group");
    expect(lines.at(-1)).toBe("Resources: 7 created in 9m39s");
  });

  it("names the failed resource together with the engine's error", () => {
    const { lines, renderer } = replay(recordedEvents("up-failed-resource"), "plain");

    const failure = lines.find((line) => line.startsWith("x failed to update signals-processing"));
    expect(failure).toBe("x failed to update signals-processing (aws:lambda:Function)  6s");
    expect(lines[lines.indexOf(failure ?? "") + 1]).toContain(
      "The role defined for the function cannot be assumed by Lambda",
    );
    expect(renderer.tracker.failed).toHaveLength(1);
    expect(lines).toContain("error: update failed");
    expect(lines.some((line) => line.includes("signals-stream"))).toBe(false);
  });

  it("reports a cancelled update and still finishes the resource in flight", () => {
    const { lines } = replay(recordedEvents("up-cancelled"), "plain");

    expect(lines).toContain("++ created replacement signals-cache (aws:elasticache:ReplicationGroup)  7m10s");
    expect(lines).toContain("The engine cancelled the operation.");
    expect(lines.at(-1)).toBe("Resources: 1 unchanged, 1 created replacement in 7m11s");
  });

  it("writes one JSON object per line under --json", () => {
    const { lines } = replay(recordedEvents("up-failed-resource"), "json");

    const items = lines.map((line) => JSON.parse(line) as { type: string; phase?: string; error?: string });
    const failed = items.find((item) => item.phase === "failed");
    expect(failed?.error).toMatch(/^updating Lambda Function/);
    expect(items.at(-1)?.type).toBe("summary");
  });

  it("keeps start lines off the screen on a TTY, where the spinner shows running resources", () => {
    let text = "";
    const spinner = { text: "", clear: () => {}, render: () => {}, stop: () => {} };
    const renderer = createRenderer({
      mode: "fancy",
      write: (chunk) => (text += chunk),
      now: () => 5_000,
      spinner,
    });
    const starts = recordedEvents("up-cancelled").filter((event) => event.resourcePreEvent);

    for (const event of starts) renderer.onEvent(event);
    renderer.stop();

    expect(text).toBe("");
    expect(spinner.text).toContain("creating replacement signals-cache");
  });
});
