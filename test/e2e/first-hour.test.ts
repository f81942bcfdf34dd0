import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// What a new user types in the first hour: help, hints, --json failures. The built CLI runs
// as a child process (`npm run build` first; npm test does).
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const home = () => mkdtempSync(join(tmpdir(), "first-hour-"));
/** A PATH with node and the system tools but without any Pulumi CLI. */
const NO_PULUMI = [dirname(process.execPath), "/usr/sbin", "/usr/bin", "/bin"].join(":");

describe("help", () => {
  it("shows the global options and examples on a subcommand's help", async () => {
    const run = await runCli(["deploy", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Global Options:");
    expect(run.stdout).toMatch(/-y, --yes +answer yes to confirmations/);
    expect(run.stdout).toContain("--stack <name>");
    expect(run.stdout).toContain("Examples:\n  $ bavest-signals deploy --stack dev");
  });

  it("says what each configure flag means, what it allows, its default and unit", async () => {
    const run = await runCli(["configure", "--help"]);
    expect(run.code).toBe(0);
    const help = run.stdout.replace(/\s+/g, " ");
    expect(help).not.toContain("sets bavest-signals:");
    expect(help).toMatch(
      /--history-retention-days <value> how long [^;]*; allowed: 1-365 days; default: 7 days/,
    );
    expect(help).toMatch(/--architecture <value> [^;]*; allowed: arm64 or x86_64; default: arm64/);
  });

  it("describes doctor completely", async () => {
    const run = await runCli(["doctor", "--help"]);
    expect(run.stdout).toContain("AWS credentials and region");
    expect(run.stdout).toContain("Exit 1 when a workflow given with --only is not ready");
  });

  it("exits 2 with the suggestion for an unknown command, also with --help", async () => {
    for (const args of [["deplyo", "--help"], ["--stack", "dev", "deplyo", "-h"], ["deplyo"]]) {
      const run = await runCli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain("unknown command 'deplyo'");
      expect(run.stderr).toContain("(Did you mean deploy?)");
      expect(run.stdout).not.toContain("Usage:");
    }
  });
});

describe("hints name the command the way it was started", () => {
  const noPipeline = ["status", "--local"];

  it("on PATH, as bavest-signals", async () => {
    const run = await runCli(noPipeline, { env: { BAVEST_SIGNALS_HOME: home() } });
    expect(run.stderr).toContain("in another terminal: bavest-signals dev");
  });

  it("under npx, as npx bavest-signals", async () => {
    const run = await runCli(noPipeline, { env: { BAVEST_SIGNALS_HOME: home() }, via: "npx" });
    expect(run.stderr).toContain("in another terminal: npx bavest-signals dev");
  });

  it("as a file, as node bin/bavest-signals.js", async () => {
    const run = await runCli(noPipeline, { env: { BAVEST_SIGNALS_HOME: home() }, via: "node", cwd: ROOT });
    expect(run.stderr).toContain("in another terminal: node bin/bavest-signals.js dev");
  });
});

describe("hints that work", () => {
  it("invoke --local says invoke has no local mode and what to do instead (exit 2)", async () => {
    const run = await runCli(["invoke", "ingestion", "--local"], { env: { PATH: NO_PULUMI } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("it has no local mode");
    expect(run.stderr).not.toContain("add --local instead");
    expect(run.stderr).toContain("bavest-signals replay fixtures/sample.json --local");
  });

  it("invoke without the Pulumi CLI does not suggest --local", async () => {
    const run = await runCli(["invoke", "ingestion"], {
      env: { PATH: NO_PULUMI, BAVEST_SIGNALS_HOME: home() },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("The Pulumi CLI is not installed.");
    expect(run.stderr).not.toContain("--local");
  });

  it("replay --rate 0 suggests a file that exists", async () => {
    const run = await runCli(["replay", "fixtures/sample.json", "--local", "--rate", "0"]);
    expect(run.code).toBe(2);
    const suggested = /bavest-signals replay (\S+) --local --rate 100/.exec(run.stderr)?.[1];
    expect(suggested).toBeDefined();
    expect(existsSync(join(ROOT, suggested as string))).toBe(true);
  });

  it("dev --every 0s says the schedule must be longer than 0", async () => {
    const run = await runCli(["dev", "--every", "0s"], { env: { BAVEST_SIGNALS_HOME: home() } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--every "0s" must be longer than 0.');
    expect(run.stderr).toContain("--no-ingest");
    expect(run.stderr).not.toContain("is not a duration");
  });

  it("deploy, destroy and unlock name an invalid stack before asking for --yes", async () => {
    for (const verb of ["deploy", "destroy", "unlock"]) {
      const run = await runCli([verb, "--stack", "bad name!"], { env: { BAVEST_SIGNALS_HOME: home() } });
      expect(run.code, verb).toBe(2);
      expect(run.stderr).toContain('Invalid stack name "bad name!"');
      expect(run.stderr).not.toContain("--yes");
    }
  });

  it("deploy, destroy, unlock and redrive --stack without a terminal say the missing Pulumi CLI, not 'pass --yes'", async () => {
    for (const args of [["deploy"], ["destroy"], ["unlock"], ["redrive"]]) {
      const run = await runCli([...args, "--stack", "dev"], {
        env: { BAVEST_SIGNALS_HOME: home(), PATH: NO_PULUMI },
      });
      expect(run.code, args[0]).toBe(1);
      expect(run.stderr, args[0]).toContain("The Pulumi CLI is not installed.");
      expect(run.stderr, args[0]).not.toContain("pass --yes");
      expect(run.stderr, args[0]).not.toContain("Refusing");
    }
  });

  it("doctor --online without a region says to set the region, and calls nobody", async () => {
    const run = await runCli(["doctor", "--online", "--only", "cloud", "--json"], {
      env: {
        PATH: NO_PULUMI,
        AWS_REGION: "",
        AWS_DEFAULT_REGION: "",
        AWS_CONFIG_FILE: join(home(), "none"),
        AWS_ACCESS_KEY_ID: "AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY: "secret",
      },
    });
    const identity = JSON.parse(run.stdout).checks.find(
      (check: { name: string }) => check.name === "aws-identity",
    );
    expect(identity).toMatchObject({ ok: false, detail: "not checked: no AWS region is configured" });
    expect(identity.fix).toContain("AWS_REGION");
    expect(identity.fix).not.toContain("Refresh");
  });
});

describe("doctor for a user of the local pipeline only", () => {
  it("says local: ready, cloud: needs ..., and exits 0 without --only", async () => {
    const run = await runCli(["doctor"], { env: { PATH: NO_PULUMI, AWS_REGION: "" } });
    expect(run.stdout).toMatch(/local: ready; cloud: needs pulumi/);
    expect(run.code).toBe(0);
  });

  it("exits 1 when the workflow asked for with --only is not ready", async () => {
    const run = await runCli(["doctor", "--only", "cloud", "--json"], { env: { PATH: NO_PULUMI } });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      workflows: [{ purpose: "cloud", ready: false }],
    });
    expect(run.stderr).toContain("cloud: needs pulumi");
  });
});

describe("--json failures print an error document on stdout", () => {
  it("replay of an invalid file", async () => {
    const run = await runCli(["replay", "fixtures/replay/truncated.json", "--local", "--json"]);
    expect(run.code).toBe(1);
    const document = JSON.parse(run.stdout);
    expect(document.error.message).toContain("fixtures/replay/truncated.json is not valid JSON");
    expect(document.error).toMatchObject({ exitCode: 1 });
    expect(run.stderr).toContain("is not valid JSON");
  });

  it("status with nothing running", async () => {
    const run = await runCli(["status", "--local", "--json"], { env: { BAVEST_SIGNALS_HOME: home() } });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        message: "No local pipeline is running.",
        hint: "Start one in another terminal: bavest-signals dev",
        exitCode: 1,
      },
    });
  });

  it("a usage error", async () => {
    const run = await runCli(["inspect", "--local", "--limit", "0", "--json"], {
      env: { BAVEST_SIGNALS_HOME: home() },
    });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatchObject({ exitCode: 2 });
  });
});

describe("--work-dir against a stack", () => {
  const commands = [["outputs"], ["replay", "fixtures/sample.json"], ["inspect", "AAPL"], ["tunnel"]];

  it("is accepted by outputs, replay, inspect and tunnel and used to find the stack's files", async () => {
    for (const command of commands) {
      const workDir = home();
      // A stack whose secrets need a passphrase: only a command reading this folder knows.
      writeFileSync(join(workDir, "Pulumi.dev.yaml"), "encryptionsalt: v1:abc=\nconfig: {}\n");
      const run = await runCli([...command, "--stack", "dev", "--work-dir", workDir], {
        env: { PATH: NO_PULUMI, BAVEST_SIGNALS_HOME: home() },
      });
      expect(run.code, `${command[0]}: ${run.stderr}`).toBe(1);
      expect(run.stderr, command[0]).toContain(
        'Stack "dev" keeps its secrets with a passphrase, and none is set.',
      );
    }
  });

  it("leaves Pulumi.yaml as it was when the command fails, and writes none into a new folder", async () => {
    const mine = "name: bavest-signals\nruntime: nodejs\n# my comment\n";
    // All four open the stack the same way (src/stack/engine/automation.ts): two of them suffice.
    for (const command of [commands[0] as string[], commands[3] as string[]]) {
      const workDir = home();
      writeFileSync(join(workDir, "Pulumi.yaml"), mine);
      const kept = await runCli([...command, "--stack", "dev", "--work-dir", workDir], {
        env: { PATH: NO_PULUMI },
      });
      expect(kept.stderr, command[0]).toContain("The Pulumi CLI is not installed.");
      expect(readFileSync(join(workDir, "Pulumi.yaml"), "utf8")).toBe(mine);

      const fresh = home();
      await runCli([...command, "--stack", "dev", "--work-dir", fresh], { env: { PATH: NO_PULUMI } });
      expect(existsSync(join(fresh, "Pulumi.yaml")), command[0]).toBe(false);
    }
  });
});
