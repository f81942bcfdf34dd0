import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyseEnvelope } from "../../src/core/analysis.js";
import { parseEnvelope } from "../../src/core/envelope.js";
import { INGESTION_ENV, PROCESSING_ENV, THRESHOLD_ENV } from "../../src/core/lambdaEnvNames.js";
import { emptyOutcomeCounts, WRITTEN_OUTCOMES } from "../../src/core/outcomes.js";
import { redisKeys } from "../../src/core/redisKeys.js";
import { STACK_OUTPUTS } from "../../src/core/stackOutputs.js";
import { STORE_BATCH_LUA } from "../../src/lambdas/processing/storeScript.js";
import { ExitCode } from "../../src/lib/errors.js";
import { countOutcomes } from "../../src/replay/accounting.js";

/**
 * docs/contracts.md is the contract programs outside the repo rely on: each list it documents is
 * held here against what the code writes, so the file cannot drift from the code.
 */
const contract = readFileSync(join(import.meta.dirname, "../../docs/contracts.md"), "utf8");

/** The text of section N, up to the next section. */
function section(n: number): string {
  const start = contract.indexOf(`\n## ${n}. `);
  const next = contract.indexOf("\n## ", start + 1);
  expect(start, `docs/contracts.md has a section ${n}`).toBeGreaterThan(-1);
  return contract.slice(start, next === -1 ? undefined : next);
}

/** Every `backticked` word of a text, in order. */
function ticked(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? "");
}

/** The backticked names of the sentence that starts with `lead`, up to its full stop. */
function listAfter(text: string, lead: string): string[] {
  const start = text.indexOf(lead);
  expect(start, `docs/contracts.md says "${lead}"`).toBeGreaterThan(-1);
  const rest = text.slice(start + lead.length);
  return ticked(rest.slice(0, rest.search(/\.(\s|$)/)));
}

const sorted = (values: Iterable<string>) => [...values].sort();

describe("docs/contracts.md against the code", () => {
  it("section 3 lists exactly the Redis keys redisKeys builds", () => {
    const keys = redisKeys("bavest");
    const built = [
      keys.peRatio("{SYMBOL}", "{observedAtMs}" as unknown as number),
      keys.latest("{SYMBOL}"),
      keys.history("{SYMBOL}"),
      keys.symbols,
      keys.rejected,
      keys.changes,
      keys.outcomes,
    ];
    const documented = [...section(3).matchAll(/^\| `(bavest:[^`]+)` \|/gm)].map((match) => match[1]);
    expect(sorted(documented as string[])).toEqual(sorted(built));
    // Every key of the module is in the list above: a new key needs a row.
    expect(Object.keys(keys)).toHaveLength(built.length);
  });

  it("section 3's changes fields are the ones the store script appends", () => {
    const xadd = STORE_BATCH_LUA.split("\n")
      .join(" ")
      .match(/'XADD', KEYS\[2\].*?'\*',(.*?)\)/)?.[1];
    const written = [...(xadd ?? "").matchAll(/'([A-Za-z]+)'/g)].map((match) => match[1]);
    expect(listAfter(section(3), "Fields of a `bavest:changes` entry:")).toEqual(written);
  });

  it("section 3's outcomes are the ones the write reports, and replay --wait's fields follow them", () => {
    const outcomes = listAfter(section(3), "The outcomes of a record").filter((word) =>
      /^[a-z]+$/.test(word),
    );
    expect(sorted(outcomes)).toEqual(sorted([...WRITTEN_OUTCOMES, "failed"]));
    const replayWait = section(6).match(/^\| `replay --wait` \| (.*)$/m)?.[1] ?? "";
    const fields = [...replayWait.matchAll(/"([a-zA-Z]+)"/g)].map((match) => match[1]);
    expect(sorted(fields as string[])).toEqual(sorted(Object.keys(countOutcomes(new Map(), 0))));
    expect(sorted(Object.keys(emptyOutcomeCounts()))).toEqual(
      sorted((fields as string[]).filter((field) => field !== "notProcessed")),
    );
  });

  it("section 2 names every field of the Signal the analysis produces", () => {
    const envelope = parseEnvelope(
      {
        symbol: "AAPL",
        fetchedAt: "2026-11-20T15:00:02.120Z",
        source: "bavest",
        quote: { c: 189.84, t: 1_763_650_800, currency: "USD", metrics: { eps: 6.43, "pe/ratio": 40 } },
      },
      { now: new Date("2026-11-20T15:00:03Z") },
    );
    if (!envelope.ok) throw new Error(envelope.reason);
    const signal = analyseEnvelope(envelope.envelope, {
      sequenceNumber: "1",
      processedAt: new Date("2026-11-20T15:00:03Z"),
    });
    const documented = listAfter(section(2), "Its fields:");
    expect(sorted(documented)).toEqual(sorted(Object.keys(signal)));
  });

  it("section 5 names exactly the functions' environment variables", () => {
    const documented = ticked(section(5)).filter((word) => /^[A-Z][A-Z0-9_]+$/.test(word));
    const inCode = [
      ...Object.values(INGESTION_ENV),
      ...Object.values(PROCESSING_ENV),
      ...Object.values(THRESHOLD_ENV),
    ];
    expect(sorted(new Set(documented))).toEqual(sorted(new Set(inCode)));
  });

  it("section 6 lists exactly the exit codes and the stack outputs of the code", () => {
    const codes = [...section(6).matchAll(/^\| (\d+) \| /gm)].map((match) => Number(match[1]));
    expect(codes.sort((a, b) => a - b)).toEqual(Object.values(ExitCode).sort((a, b) => a - b));
    const outputs = listAfter(
      section(6),
      "The outputs every deployed stack exports (`src/core/stackOutputs.ts`):",
    );
    expect(sorted(outputs)).toEqual(sorted(Object.values(STACK_OUTPUTS)));
  });
});
