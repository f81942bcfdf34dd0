import { readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { CATEGORIES, SIGNALS } from "../helpers/factories.js";

/** Every folder and file below `dir` with its permission bits. */
function modes(dir: string): Array<[string, number]> {
  const found: Array<[string, number]> = [[dir, statSync(dir).mode & 0o777]];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...modes(path));
    else if (entry.isFile()) found.push([path, statSync(path).mode & 0o777]);
  }
  return found;
}

// Runs the built CLI (`npm run build` first; npm test does) with redis-server on PATH.
describe("bavest-signals demo", () => {
  it("runs the whole pipeline on the sample fixture and exits 0 with every symbol processed", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-demo-e2e-"));
    const run = await runCli(["demo", "--json", "--symbol", "RIVN"], { env: { BAVEST_SIGNALS_HOME: home } });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ sent: 24, completed: 24, deadLettered: 0 });
    const symbols = ["AAPL", "BMW.DE", "BRK-B", "JPM", "NVDA", "RIVN", "SAP.DE", "SPY"];
    expect(report.overview.symbols).toEqual(symbols);
    // What the text shows, the JSON carries: each symbol's latest Signal, sorted by symbol.
    const latest = report.overview.latest as Array<{ symbol: string; category: string; signal: string }>;
    expect(latest.map((signal) => signal.symbol)).toEqual(symbols);
    // The fixture holds every category and every signal, as the README says.
    expect(new Set(latest.map((signal) => signal.category))).toEqual(new Set(CATEGORIES));
    expect(new Set(latest.map((signal) => signal.signal))).toEqual(new Set(SIGNALS));
    expect(latest.find((signal) => signal.symbol === "SPY")).toMatchObject({
      category: "insufficient_data",
      signal: "unknown",
      peRatio: null,
    });
    expect(report.detail.latest).toMatchObject({
      symbol: "RIVN",
      category: "negative_earnings",
      signal: "avoid",
    });
    expect(report.detail.history).toHaveLength(3);
  });

  it("prints the overview and the detail as text, and keeps its files private (0700/0600)", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-demo-e2e-"));
    // A home an older version left readable by everyone is made private again.
    await mkdir(join(home, "local"), { recursive: true, mode: 0o755 });
    await writeFile(join(home, "local", "old.log"), "x\n", { mode: 0o644 });
    const run = await runCli(["demo"], { env: { BAVEST_SIGNALS_HOME: home } });
    expect(run.code, run.stderr).toBe(0);
    for (const word of [
      "NVDA",
      "highly_speculative",
      "growth_stock",
      "fair_value",
      "undervalued",
      "insufficient_data",
      "Latest signal for AAPL",
    ]) {
      expect(run.stdout).toContain(word);
    }
    const all = modes(home);
    expect(all.length).toBeGreaterThan(3);
    for (const [path, mode] of all) {
      expect([path, mode]).toEqual([path, statSync(path).isDirectory() ? 0o700 : 0o600]);
    }
  });

  it("rejects a symbol the fixture does not have before starting anything (exit 2)", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-demo-e2e-"));
    const run = await runCli(["demo", "--symbol", "NOPE"], { env: { BAVEST_SIGNALS_HOME: home } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--symbol NOPE");
    expect(run.stderr).toContain("AAPL, JPM, BMW.DE");
    expect(run.stderr).not.toContain("Starting the local pipeline");
    expect(run.stderr).not.toContain("inspect");
    expect(readdirSync(home)).toEqual([]);
  });
});
