import { describe, expect, it } from "vitest";
import { renderChart, samplePoints, sparkline } from "../../../src/inspect/chart.js";

const hour = 3_600_000;
const at = (h: number, value: number) => ({ timeMs: Date.UTC(2026, 10, 20, h), value });

describe("sparkline", () => {
  it("maps the lowest value to the lowest block and the highest to the highest", () => {
    expect(sparkline([1, 5, 9])).toBe("▁▅█");
    expect(sparkline([3, 3])).toBe("▄▄");
    expect(sparkline([])).toBe("");
  });
});

describe("samplePoints", () => {
  it("keeps the first and last point when sampling down", () => {
    const points = Array.from({ length: 100 }, (_, i) => i);
    const sampled = samplePoints(points, 10);
    expect(sampled).toHaveLength(10);
    expect(sampled[0]).toBe(0);
    expect(sampled[9]).toBe(99);
  });
});

describe("renderChart", () => {
  it("draws nothing for fewer than two points", () => {
    expect(renderChart([at(15, 20)])).toEqual([]);
  });

  it("puts the highest value on the top row and the lowest on the bottom, oldest first", () => {
    const lines = renderChart([at(16, 30), at(15, 20), at(17, 25)], { width: 12, height: 3 });
    expect(lines).toEqual([
      "30.00 |    *",
      "      |        *",
      "20.00 |*",
      "      +---------",
      "      2026-11-20 15:00 2026-11-20 17:00",
    ]);
  });

  it("draws a flat line in the middle row when every value is equal", () => {
    const lines = renderChart([at(15, 10), at(16, 10)], { width: 4, height: 5 });
    expect(lines[2]).toBe("      |* *");
    expect(lines[0]).toBe("10.00 |");
  });

  it("never draws wider than asked for many points", () => {
    const points = Array.from({ length: 500 }, (_, i) => ({ timeMs: i * hour, value: Math.sin(i) }));
    const lines = renderChart(points, { width: 40, height: 6, formatTime: () => "t" });
    expect(Math.max(...lines.slice(0, 6).map((line) => line.length))).toBeLessThanOrEqual(
      " -1.00 |".length + 40,
    );
    expect(lines.slice(0, 6).join("").split("*")).toHaveLength(41);
  });
});
