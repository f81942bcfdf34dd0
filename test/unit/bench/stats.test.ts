import { describe, expect, it } from "vitest";
import { BENCH_NAMES, parseBenchArgs } from "../../../bench/options.js";
import { formatNumber, renderTable } from "../../../bench/report.js";
import { compared, median, medianRate, percentile, timeInterleaved } from "../../../bench/stats.js";

describe("bench statistics", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("picks percentiles by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
  });

  it("turns durations into a median rate per second", () => {
    expect(medianRate(1_000, [500, 250, 1_000])).toBe(2_000);
  });

  it("runs contenders in alternating rounds and drops the warm-up round", async () => {
    const order: string[] = [];
    const durations = await timeInterleaved(
      { a: () => void order.push("a"), b: () => void order.push("b") },
      2,
      1,
    );
    expect(order).toEqual(["a", "b", "a", "b", "a", "b"]);
    expect(durations.a).toHaveLength(2);
    expect(durations.b).toHaveLength(2);
  });

  it("compares a figure with its baseline and checks the target on the ratio", () => {
    const row = compared(
      { bench: "x", metric: "y", value: 30, unit: "rec/s" },
      { name: "b", value: 10 },
      (r) => r >= 10,
    );
    expect(row).toMatchObject({ ratio: 3, met: false, baseline: { name: "b", value: 10 } });
  });
});

describe("bench arguments", () => {
  it("runs everything by default, fewer with --only, shorter with --quick", () => {
    expect(parseBenchArgs([]).only).toEqual([...BENCH_NAMES]);
    expect(parseBenchArgs(["--quick", "--only", "replay,e2e"])).toEqual({
      quick: true,
      only: ["replay", "e2e"],
    });
    expect(parseBenchArgs(["--only=cli-start"]).only).toEqual(["cli-start"]);
  });

  it("names the unknown benchmark and the valid ones", () => {
    expect(() => parseBenchArgs(["--only", "nope"])).toThrow(
      /nope is not a benchmark; choose from processing/,
    );
    expect(() => parseBenchArgs(["--fast"])).toThrow(/Unknown argument --fast/);
  });
});

describe("bench table", () => {
  it("shows value, baseline, ratio, target and whether it was met", () => {
    const table = renderTable([
      compared(
        { bench: "replay", metric: "replay", value: 9_000, unit: "rec/s", target: ">= 0.8x raw" },
        { name: "raw", value: 10_000 },
        (r) => r >= 0.8,
      ),
    ]);
    expect(table).toContain("9,000 rec/s");
    expect(table).toContain("10,000 (raw)");
    expect(table).toContain("0.9x");
    expect(table).toMatch(/>= 0\.8x raw\s+yes/);
    expect(formatNumber(0.12345)).toBe("0.123");
  });
});
