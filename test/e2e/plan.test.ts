import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "bavest-plan-home-"));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

// No AWS credentials and no Pulumi CLI on PATH: plan needs neither.
const isolated = () => ({
  BAVEST_SIGNALS_HOME: home,
  AWS_ACCESS_KEY_ID: "",
  AWS_PROFILE: "",
  PATH: "/usr/bin:/bin",
});
const symbols = Array.from({ length: 5000 }, (_, i) => `S${i}`).join(",");

describe("bavest-signals plan", { timeout: 60_000 }, () => {
  it("prints one JSON document and exits 1 when 5,000 symbols kept 7 days do not fit a cache.t3.micro", async () => {
    const run = await runCli(
      ["plan", "--json", "--region", "eu-central-1", "--symbols", symbols, "--node-type", "cache.t3.micro"],
      { env: isolated() },
    );
    expect(run.code).toBe(1);
    const document = JSON.parse(run.stdout) as { region: string; capacity: { redis: { fits: boolean } } };
    expect(document.region).toBe("eu-central-1");
    expect(document.capacity.redis.fits).toBe(false);
    expect(run.stderr).toContain("bavest-signals configure --node-type");
  });

  it("exits 0 and prints the text plan when everything fits", async () => {
    const run = await runCli(["plan", "--region", "us-east-1"], { env: isolated() });
    expect(run.code, run.stderr).toBe(0);
    // Started on demand, stopped after an idle hour: ~40 h a month, and the always-on figure beside it.
    expect(run.stdout).toMatch(/Bastion public IPv4 address\s+\$0\.20 .*always on: 730 h = \$3\.65/);
    expect(run.stdout).toMatch(/fits\s+Redis memory/);
  });

  it("exits 2 naming a bad flag value", async () => {
    const run = await runCli(["plan", "--shards", "0"], { env: isolated() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("bavest-signals:shards");
  });
});
