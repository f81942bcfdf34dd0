import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// Runs the built CLI (`npm run build` first; npm test does) with redis-server on PATH.
describe("bavest-signals demo", () => {
  it("runs the whole pipeline on the sample fixture and exits 0 with every symbol processed", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-demo-e2e-"));
    const run = await runCli(["demo", "--json", "--symbol", "RIVN"], { env: { BAVEST_SIGNALS_HOME: home } });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ sent: 21, completed: 21, deadLettered: 0 });
    expect(report.overview.symbols).toEqual(["AAPL", "BMW.DE", "BRK-B", "JPM", "NVDA", "RIVN", "SAP.DE"]);
    expect(report.detail.latest).toMatchObject({
      symbol: "RIVN",
      category: "negative_earnings",
      signal: "avoid",
    });
    expect(report.detail.history).toHaveLength(3);
  });

  it("prints the overview and the detail as text", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-demo-e2e-"));
    const run = await runCli(["demo"], { env: { BAVEST_SIGNALS_HOME: home } });
    expect(run.code, run.stderr).toBe(0);
    for (const word of [
      "NVDA",
      "highly_speculative",
      "growth_stock",
      "fair_value",
      "undervalued",
      "Latest signal for AAPL",
    ]) {
      expect(run.stdout).toContain(word);
    }
  });
});
