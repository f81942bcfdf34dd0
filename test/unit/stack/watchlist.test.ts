import { beforeAll, describe, expect, it } from "vitest";
import { parseStackConfig } from "../../../src/stack/config.js";
import { runSynth, type SynthResult } from "../../../src/stack/synth/runSynth.js";
import { facts } from "./synthFacts.js";

// One synthesis per file (the mock runtime is process-wide): a 10,000-symbol watchlist.
const SYMBOLS = Array.from({ length: 10_000 }, (_, i) => `SYM${String(i).padStart(5, "0")}.DE`);
let result: SynthResult;
let f: ReturnType<typeof facts>;

beforeAll(async () => {
  const config = parseStackConfig({
    "bavest-signals:symbols": SYMBOLS.join(","),
    "bavest-signals:bavestRequestsPerSecond": "200",
  });
  result = await runSynth({ config, stack: "big", bundleDir: "/bundles" });
  f = facts(result);
}, 60_000);

/** Lambda's limit: 4 KB for all environment variables, keys and values together. */
const environmentBytes = (variables: Record<string, string>) =>
  Object.entries(variables).reduce((sum, [key, value]) => sum + Buffer.byteLength(key + String(value)), 0);

describe("a 10,000-symbol watchlist", () => {
  it("keeps every function environment under 4 KB", () => {
    const functions = f.ofType("aws:lambda/function:Function");
    expect(functions.length).toBe(2);
    for (const fn of functions) {
      const { variables } = f.input<{ variables: Record<string, string> }>(fn, "environment");
      expect(environmentBytes(variables), fn.name).toBeLessThan(4096);
      expect(variables.SYMBOLS).toBeUndefined();
    }
  });

  it("passes every symbol exactly once in schedule inputs under 8 KB, at most five targets a rule", () => {
    const targets = f.ofType("aws:cloudwatch/eventTarget:EventTarget");
    const inputs = targets.map((target) => f.input<string>(target, "input"));
    for (const input of inputs) expect(Buffer.byteLength(input)).toBeLessThanOrEqual(8192);
    const passed = inputs.flatMap((input) => (JSON.parse(input) as { symbols: string[] }).symbols);
    expect(passed.sort()).toEqual([...SYMBOLS].sort());
    const perRule = new Map<string, number>();
    for (const target of targets) {
      const rule = f.input<string>(target, "rule");
      perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
    }
    expect(Math.max(...perRule.values())).toBeLessThanOrEqual(5);
    expect(f.ofType("aws:cloudwatch/eventRule:EventRule").length).toBe(perRule.size);
    expect(f.ofType("aws:lambda/permission:Permission").length).toBe(perRule.size);
  });

  it("gives each invocation its share of the plan's rate", () => {
    const targets = f.ofType("aws:cloudwatch/eventTarget:EventTarget").length;
    const ingestion = f.one("aws:lambda/function:Function", "ingestion-fn");
    const { variables } = f.input<{ variables: Record<string, string> }>(ingestion, "environment");
    expect(Number(variables.BAVEST_REQUESTS_PER_SECOND) * targets).toBeCloseTo(200, 1);
  });
});
