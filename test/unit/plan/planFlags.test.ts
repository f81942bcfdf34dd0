import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../../src/cli.js";
import { CONFIGURE_SETTINGS, flagOf } from "../../../src/commands/configure.js";
import { renderPlan } from "../../../src/plan/render.js";
import { runPlan } from "../../../src/plan/runPlan.js";
import { whatIfValues } from "../../../src/plan/whatIf.js";
import { CONFIG_HELP } from "../../../src/stack/configHelp.js";
import { runInProcess } from "../../helpers/inProcess.js";

const home = mkdtempSync(join(tmpdir(), "plan-flags-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { BAVEST_SIGNALS_HOME: home };

describe("plan's what-if flags", () => {
  it("plans N synthetic symbols for --symbols N, and keeps a list a list", () => {
    const synthetic = runPlan({
      stack: "s",
      stackFile: join(home, "none.yaml"),
      values: whatIfValues({ symbols: "5000" }),
    });
    expect(synthetic.config.symbols).toHaveLength(5000);
    expect(synthetic.config.symbols[0]).toBe("SYM00001");
    expect(synthetic.capacity.redis.fix).toContain("--node-type cache.m6g.large");
    const list = runPlan({
      stack: "s",
      stackFile: join(home, "none.yaml"),
      values: whatIfValues({ symbols: "AAPL,5000" }),
    });
    expect(list.config.symbols).toEqual(["AAPL", "5000"]);
  });

  it("answers a bad value as a plan flag error, with a plan line that works", async () => {
    const run = await runInProcess(["plan", "--shards", "-1"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('plan --shards "-1": must be a whole number from 1 to 500');
    expect(run.stderr).toContain("Run: bavest-signals plan --shards 1");
    expect(run.stderr).not.toContain("configure --shards");
  });

  it("refuses an empty value instead of planning the defaults", async () => {
    const run = await runInProcess(["plan", "--symbols", ""], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("plan --symbols was given an empty value");
    expect(run.stdout).toBe("");
  });

  it("refuses --symbols 0 and more synthetic symbols than a stack takes", async () => {
    for (const count of ["0", "10001"]) {
      const run = await runInProcess(["plan", "--symbols", count], env);
      expect(run.code, count).toBe(2);
      expect(run.stderr).toContain("a synthetic watchlist has 1 to 10,000 symbols");
    }
  });

  it("says in --help what each flag means, what it allows and its unit, from the settings' help", () => {
    const plan = buildProgram({}).commands.find((command) => command.name() === "plan");
    for (const name of CONFIGURE_SETTINGS) {
      const option = plan?.options.find((candidate) => candidate.long === flagOf(name));
      const help = CONFIG_HELP[name];
      expect(option?.description, name).toContain(help.meaning);
      expect(option?.description, name).toContain(help.allowed);
      if (help.unit) expect(option?.description, name).toContain(help.unit);
    }
  });
});

describe("plan's text", () => {
  const text = renderPlan(
    runPlan({ stack: "s", stackFile: join(home, "none.yaml"), values: whatIfValues({ symbols: "5000" }) }),
  );
  const capacity = text.slice(text.indexOf("Capacity:")).split("\n").slice(1);

  it("lines up the capacity rows: every name and every detail starts in the same column", () => {
    const names = ["Redis memory", "Kinesis shards", "Ingestion", "Bavest calls"];
    const columns = names.map((name) => capacity.find((line) => line.includes(name))?.indexOf(name));
    expect(new Set(columns).size).toBe(1);
    const fixes = capacity
      .filter((line) => line.trim().startsWith("fix:"))
      .map((line) => line.indexOf("fix:"));
    expect(fixes.length).toBeGreaterThan(0);
    expect(new Set(fixes).size).toBe(1);
    const redis = capacity.find((line) => line.includes("Redis memory")) ?? "";
    expect(redis.search(/\d[\d,]* MiB at steady state/)).toBe(fixes[0]);
  });

  it("gives the Lambda rate its unit", () => {
    expect(text).toMatch(/Lambda \(ingestion \+ processing\).* x \$0\.0000133334 per GB-second/);
  });
});
