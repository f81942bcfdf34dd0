import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";

const RECORDER = new URL("../helpers/record-loads.mjs", import.meta.url).pathname;

/** A PATH with node and the system tools but with whatever pulumi the machine may have hidden. */
function pathWithout(extraDir?: string): string {
  return [extraDir, dirname(process.execPath), "/usr/sbin", "/usr/bin", "/bin"].filter(Boolean).join(":");
}

describe("the CLI shell", () => {
  it("lists the commands under --help and exits 0", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: bavest-signals");
    expect(run.stdout).toMatch(/^\s+doctor/m);
  });

  it("does not load @pulumi, AWS clients or ioredis for --help", () => {
    const record = join(mkdtempSync(join(tmpdir(), "loads-")), "loads.txt");
    writeFileSync(record, "");
    const run = spawnSync(process.execPath, ["--import", RECORDER, BIN, "--help"], {
      env: { ...process.env, RECORD_LOADS_FILE: record },
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    const loaded = readFileSync(record, "utf8").split("\n");
    // The recorder works: commander itself must show up.
    expect(loaded).toContain("commander");
    expect(loaded.filter((name) => /@pulumi|@aws-sdk|ioredis|kinesalite/.test(name))).toEqual([]);
  });

  it("exits 2 with a hint on an unknown command or option", async () => {
    const unknownCommand = await runCli(["bogus"]);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain("unknown command 'bogus'");
    const unknownOption = await runCli(["doctor", "--bogus"]);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("--bogus");
  });

  it("prints the version", async () => {
    const run = await runCli(["--version"]);
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });
});

describe("doctor", () => {
  it("prints one JSON document naming each check and reports a missing Pulumi CLI with the install link", async () => {
    const run = await runCli(["doctor", "--json"], { env: { PATH: pathWithout(), AWS_REGION: "" } });
    const report = JSON.parse(run.stdout);
    const names = report.checks.map((check: { name: string }) => check.name);
    expect(names).toEqual([
      "node",
      "redis-server",
      "pulumi",
      "session-manager-plugin",
      "aws-credentials",
      "aws-region",
    ]);
    const pulumi = report.checks.find((check: { name: string }) => check.name === "pulumi");
    expect(pulumi.ok).toBe(false);
    expect(pulumi.fix).toContain("https://www.pulumi.com/docs/install/");
    // Without --only, a missing Pulumi CLI fails only the cloud workflow, not doctor (the local one is ready).
    expect(
      report.workflows.find((workflow: { purpose: string }) => workflow.purpose === "cloud"),
    ).toMatchObject({
      ready: false,
    });
    expect(run.code).toBe(report.ok ? 0 : 1);
  });

  it("exits 0 when everything the asked-for workflow needs is there", async () => {
    const run = await runCli(["doctor", "--json", "--only", "local"], { env: { PATH: pathWithout() } });
    const report = JSON.parse(run.stdout);
    expect(report.checks.map((check: { name: string }) => check.name)).toEqual(["node", "redis-server"]);
    expect(run.code).toBe(report.ok ? 0 : 1);
    expect(report.ok).toBe(true);
  });

  it("finds a Pulumi CLI and AWS settings when they are present", async () => {
    const bin = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
    writeFileSync(join(bin, "pulumi"), "#!/bin/sh\necho v3.200.0\n");
    chmodSync(join(bin, "pulumi"), 0o755);
    const run = await runCli(["doctor", "--json", "--only", "cloud"], {
      env: {
        PATH: pathWithout(bin),
        AWS_ACCESS_KEY_ID: "AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY: "secret",
        AWS_REGION: "eu-central-1",
      },
    });
    const report = JSON.parse(run.stdout);
    expect(report.checks.find((check: { name: string }) => check.name === "pulumi")).toMatchObject({
      ok: true,
      detail: "v3.200.0",
    });
    expect(report.checks.find((check: { name: string }) => check.name === "aws-region").detail).toContain(
      "eu-central-1",
    );
    expect(run.code).toBe(0);
  });

  it("rejects an unknown --only value as a usage error", async () => {
    const run = await runCli(["doctor", "--only", "mars"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("mars");
  });
});

describe("a deployed-stack command without the Pulumi CLI", () => {
  const home = () => mkdtempSync(join(tmpdir(), "no-pulumi-"));

  it("names the missing CLI and, where the command also runs locally, points at --local", async () => {
    const run = await runCli(["replay", "fixtures/sample.json"], {
      env: { PATH: pathWithout(), BAVEST_SIGNALS_HOME: home() },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("The Pulumi CLI is not installed.");
    expect(run.stderr).toContain("https://www.pulumi.com/docs/install/");
    expect(run.stderr).toContain("add --local instead");
    expect(run.stderr).not.toContain("ENOENT");
  });

  it("does not suggest --local for a command that only exists in the cloud", async () => {
    const run = await runCli(["deploy", "--yes"], {
      env: { PATH: pathWithout(), BAVEST_SIGNALS_HOME: home() },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("The Pulumi CLI is not installed.");
    expect(run.stderr).not.toContain("--local");
  });
});
