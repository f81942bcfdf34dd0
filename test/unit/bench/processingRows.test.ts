import { describe, expect, it } from "vitest";
import { scenarioLabel, scenarioRows } from "../../../bench/processingRows.js";

const rates = { batch100: 13_000, batch1000: 11_000, naive: 400 };

describe("processing rows", () => {
  it("labels a scenario with its measured round trip", () => {
    expect(scenarioLabel("network", 1.1834)).toBe("network round trip ~1.18 ms");
    expect(scenarioLabel("loopback", 0.0795)).toBe("loopback, round trip 0.08 ms");
  });

  it("applies the 30x-naive target to each batch size across a network", () => {
    // prepare
    const scenario = { label: "network round trip ~1.18 ms", roundTripMs: 1.18, roundTripNote: "PINGs" };
    // act
    const rows = scenarioRows(scenario, rates);
    // assess
    const vsNaive = rows.filter((row) => row.target === ">= 30x naive");
    expect(vsNaive.map((row) => [row.metric, row.ratio, row.met])).toEqual([
      ["network round trip ~1.18 ms: handler, batches of 100", 32.5, true],
      ["network round trip ~1.18 ms: handler, batches of 1,000", 27.5, false],
    ]);
    expect(rows[0]).toMatchObject({ value: 1.18, unit: "ms" });
    expect(rows.some((row) => row.metric.includes("floor"))).toBe(false);
  });

  it("on loopback holds the handler to the floor and shows the naive ratio without a target", () => {
    // prepare
    const scenario = { label: "loopback, round trip 0.08 ms", roundTripMs: 0.08, roundTripNote: "PINGs" };
    const loopbackRates = { batch100: 7_000, batch1000: 10_000, naive: 5_000 };
    // act
    const rows = scenarioRows(scenario, loopbackRates, { setsPerSecond: 70_000, commandsPerRecord: 7 });
    // assess
    const targets = rows.filter((row) => row.target).map((row) => [row.target, row.ratio, row.met]);
    expect(targets).toEqual([
      [">= 0.9x floor", 0.7, false],
      [">= 0.9x floor", 1, true],
    ]);
    expect(rows.filter((row) => row.baseline?.name === "naive awaited SETs" && !row.target)).toHaveLength(2);
    expect(
      rows.find((row) => row.metric.endsWith("floor (pipelined SETs / commands per record)"))?.value,
    ).toBe(10_000);
  });
});
