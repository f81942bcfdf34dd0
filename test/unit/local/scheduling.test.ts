import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/lib/errors.js";
import { formatDuration, pipelineOptionsFromFlags } from "../../../src/local/dev/devOptions.js";
import { parseDuration, startSchedule } from "../../../src/local/pipeline/scheduler.js";
import { fakeClock } from "./factories.js";

describe("parseDuration", () => {
  it("reads ms, s, m and h, and a bare number as seconds", () => {
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("10s")).toBe(10_000);
    expect(parseDuration("5m")).toBe(300_000);
    expect(parseDuration("1h")).toBe(3_600_000);
    expect(parseDuration("2")).toBe(2_000);
  });

  it("rejects nonsense and zero with a usage error naming the flag", () => {
    expect(() => parseDuration("soon")).toThrow(UsageError);
    expect(() => parseDuration("0s")).toThrow(/--every "0s"/);
    expect(parseDuration("0", "--batching-window", true)).toBe(0);
  });

  it("formats back the way a user would write it", () => {
    expect([300_000, 10_000, 3_600_000, 1500].map(formatDuration)).toEqual(["5m", "10s", "1h", "1500ms"]);
  });
});

describe("startSchedule", () => {
  it("runs at once and then every interval, never overlapping", async () => {
    const clock = fakeClock();
    const starts: number[] = [];
    const schedule = startSchedule(
      async () => {
        starts.push(clock.now());
        if (starts.length === 3) void schedule.stop();
      },
      10_000,
      clock,
    );
    await schedule.stop();
    expect(starts.slice(0, 3)).toEqual([0, 10_000, 20_000].slice(0, starts.length));
  });
});

describe("pipelineOptionsFromFlags", () => {
  it("turns ingestion off with --no-ingest and keeps the cloud defaults otherwise", () => {
    const options = pipelineOptionsFromFlags({ ingest: false }, {});
    expect(options.ingestEveryMs).toBeNull();
    expect(options).toMatchObject({ shards: 1, batchSize: 100, batchingWindowMs: 1000, maxRetries: 3 });
    expect(pipelineOptionsFromFlags({}, {}).ingestEveryMs).toBe(300_000);
  });

  it("names the bad flag", () => {
    expect(() => pipelineOptionsFromFlags({ shards: "0" }, {})).toThrow(/--shards "0"/);
    expect(() => pipelineOptionsFromFlags({ redisUrl: "http://x" }, {})).toThrow(/--redis-url/);
    expect(() => pipelineOptionsFromFlags({ liveApi: true }, {})).toThrow(/BAVEST_API_KEY/);
  });
});
