import { describe, expect, it } from "vitest";
import { buildProgram } from "../../../src/cli.js";
import { runInProcess } from "../../helpers/inProcess.js";

// No Pulumi CLI on this PATH: doctor's cloud workflow is never ready here.
const noPulumi = { PATH: "/usr/bin:/bin", BAVEST_SIGNALS_HOME: "/nonexistent/bavest-first-day" };

describe("a new user's first day: flags and hints", () => {
  it("refuses --local together with --stack (exit 2) for every command that takes both", async () => {
    for (const command of [
      ["inspect"],
      ["redrive", "--yes"],
      ["status"],
      ["replay", "x.json"],
      ["outputs"],
    ]) {
      const run = await runInProcess([...command, "--local", "--stack", "prod"], noPulumi);
      expect(run.code, `${command[0]}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toContain("'--local' cannot be used with option '--stack");
    }
  });

  it("keeps --local when $BAVEST_SIGNALS_STACK names a stack: only typed flags conflict", async () => {
    const run = await runInProcess(["inspect", "--local"], { ...noPulumi, BAVEST_SIGNALS_STACK: "prod" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("No local pipeline is running");
  });

  it("names the command in the help hint after a parse error, also in the --json error document", async () => {
    const run = await runInProcess(["replay", "--bogus"], noPulumi);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("(run bavest-signals replay --help for usage)");
    const json = await runInProcess(["replay", "--bogus", "--json"], noPulumi);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { hint: "Run: bavest-signals replay --help" } });
  });

  it("keeps --only cloud in doctor's hint", async () => {
    const run = await runInProcess(["doctor", "--only", "cloud"], noPulumi);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("then run: bavest-signals doctor --only cloud");
  });

  it("gives watch --help one Examples section, with both examples", async () => {
    const run = await runInProcess(["watch", "--help"], noPulumi);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/Examples:/g)).toHaveLength(1);
    expect(run.stdout).toContain("bavest-signals watch AAPL --stack prod --json");
  });

  it("names $BAVEST_SIGNALS_WORK_DIR as --work-dir's default in every command that takes it", () => {
    const program = buildProgram({});
    const taking = program.commands.filter((command) => command.options.some((o) => o.long === "--work-dir"));
    expect(taking.map((command) => command.name()).sort()).toEqual(
      [
        "configure",
        "console",
        "deploy",
        "destroy",
        "diff",
        "drift",
        "inspect",
        "invoke",
        "outputs",
        "plan",
        "preflight",
        "redrive",
        "replay",
        "tunnel",
        "unlock",
      ].sort(),
    );
    for (const command of taking) {
      const option = command.options.find((o) => o.long === "--work-dir");
      expect(option?.description, command.name()).toContain(
        "(default: $BAVEST_SIGNALS_WORK_DIR or ~/.bavest-signals/pulumi)",
      );
    }
  });
});
