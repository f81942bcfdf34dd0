import { describe, expect, it } from "vitest";
import { renderChart, sparkline } from "../../../src/inspect/chart.js";

const hour = 3_600_000;
const at = (h: number, value: number) => ({ timeMs: Date.UTC(2026, 10, 20, h), value });

describe("sparkline", () => {
  it("maps the lowest value to the lowest block and the highest to the highest", () => {
    expect(sparkline([1, 5, 9])).toBe("▁▅█");
    expect(sparkline([3, 3])).toBe("▄▄");
    expect(sparkline([])).toBe("");
  });
});

describe("renderChart", () => {
  it("draws nothing for fewer than two points", () => {
    expect(renderChart([at(15, 20)])).toEqual([]);
  });

  it("puts the highest value on the top row and the lowest on the bottom, oldest first", () => {
    const lines = renderChart([at(16, 30), at(15, 20), at(17, 25)], { width: 12, height: 3 });
    expect(lines).toEqual([
      "30.00 |      *",
      "      |           *",
      "20.00 |*",
      "      +------------",
      "      2026-11-20 15:00 2026-11-20 17:00",
    ]);
  });

  it("places points by time, so a gap in the observations shows as a gap", () => {
    const lines = renderChart([at(10, 1), at(11, 2), at(20, 3)], { width: 11, height: 3 });
    expect(lines.slice(0, 3)).toEqual(["3.00 |          *", "     | *", "1.00 |*"]);
  });

  it("draws a flat line in the middle row when every value is equal", () => {
    const lines = renderChart([at(15, 10), at(16, 10)], { width: 4, height: 5 });
    expect(lines[2]).toBe("      |*  *");
    expect(lines[0]).toBe("10.00 |");
  });

  it("never draws wider than asked for many points", () => {
    const points = Array.from({ length: 500 }, (_, i) => ({ timeMs: i * hour, value: Math.sin(i) }));
    const lines = renderChart(points, { width: 40, height: 6, formatTime: () => "t" });
    expect(Math.max(...lines.slice(0, 6).map((line) => line.length))).toBeLessThanOrEqual(
      " -1.00 |".length + 40,
    );
    // One mark per column: the newest of the points that fall into it.
    expect(lines.slice(0, 6).join("").split("*")).toHaveLength(41);
  });

  it("labels the x axis with seconds when every point falls in one minute", () => {
    const base = Date.UTC(2026, 10, 20, 15, 0, 5);
    const lines = renderChart(
      [
        { timeMs: base, value: 1 },
        { timeMs: base + 40_000, value: 2 },
      ],
      { width: 50, height: 2 },
    );
    const axis = lines[lines.length - 1] ?? "";
    expect(axis).toContain("2026-11-20 15:00:05");
    expect(axis).toContain("2026-11-20 15:00:45");
  });

  it("prints one x label when every point has the same time", () => {
    const lines = renderChart([at(15, 1), at(15, 2)], { width: 50, height: 2 });
    const axis = lines[lines.length - 1] ?? "";
    expect(axis.match(/2026-11-20 15:00/g)).toHaveLength(1);
  });
});
