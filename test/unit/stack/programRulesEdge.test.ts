import { beforeAll, describe, expect, it } from "vitest";
import { parseStackConfig, type StackConfig } from "../../../src/stack/config.js";
import { environmentBytes, estimatedEnvironments } from "../../../src/stack/rules/environmentSize.js";
import { errorsOf, programFindings, runRules } from "../../../src/stack/rules/index.js";
import { runSynth, type SynthResult } from "../../../src/stack/synth/runSynth.js";

// The largest watchlist of 24-character symbols that configure accepts, synthesized: the
// program's real environment must then be within Lambda's 4 KB too (configure's estimate may
// not be lower than what the program builds). One synthesis per file: the mock runtime is global.
let config: StackConfig;
let result: SynthResult;

function largestAcceptedWatchlist(): StackConfig {
  let accepted: StackConfig | undefined;
  for (let count = 1; count <= 500; count++) {
    const symbols = Array.from({ length: count }, (_, i) => `S${String(i).padStart(23, "0")}`).join(",");
    const candidate = parseStackConfig({ "bavest-signals:symbols": symbols, "aws:region": "ap-southeast-2" });
    if (errorsOf(runRules(candidate)).length > 0) break;
    accepted = candidate;
  }
  if (!accepted) throw new Error("not even one symbol fits");
  return accepted;
}

beforeAll(async () => {
  config = largestAcceptedWatchlist();
  result = await runSynth({ config, stack: "edge", bundleDir: "/bundles" });
});

describe("configure's environment estimate and the program agree", () => {
  it("the largest accepted watchlist builds environments within 4 KB, and the program rules pass", () => {
    const fn = result.resources.find((r) => r.name === "ingestion-fn");
    if (!fn) throw new Error("no ingestion function");
    const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
    const actual = environmentBytes(variables);
    expect(config.symbols.length).toBeGreaterThan(100);
    expect(actual).toBeLessThanOrEqual(4096);
    expect(estimatedEnvironments(config).ingestion).toBeGreaterThanOrEqual(actual);
    expect(programFindings(result)).toEqual([]);
  });
});
