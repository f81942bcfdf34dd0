import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeLimitsCommand } from "@aws-sdk/client-kinesis";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import type { DeployCommandDeps } from "../../src/commands/deploy.js";
import type { EngineConfigValue } from "../../src/stack/engine/types.js";
import { fileLockStore } from "../../src/stack/engine/unlock/lockStore.js";
import { runSynth } from "../../src/stack/synth/runSynth.js";
import { memoryStreams } from "../helpers/memoryStreams.js";
import { FakeEngine, recordedEvents } from "../unit/engine/fakeEngine.js";
import { answerYes, fixture, mockedAws, workingKey } from "../unit/preflight/harness.js";

const CONFIGURED: Record<string, EngineConfigValue> = {
  "aws:region": { value: "eu-central-1", secret: false },
  "bavest-signals:symbols": { value: "AAPL,MSFT", secret: false },
  "bavest-signals:bavestApiKey": { value: "key-123", secret: true },
};

/** The CLI in this process: a fake engine, the real preflight over mocked AWS clients. */
async function deployWith(
  args: string[],
  arrange: (mocks: ReturnType<typeof mockedAws>["mocks"]) => void = () => {},
  command = "deploy",
) {
  const home = await mkdtemp(join(tmpdir(), "deploy-preflight-"));
  const engine = new FakeEngine("dev", CONFIGURED);
  engine.scripts.preview = { events: recordedEvents("preview-changes") };
  engine.scripts.up = { events: recordedEvents("up-success") };
  const { aws, mocks } = mockedAws();
  answerYes(mocks);
  arrange(mocks);
  let built = false;
  const deps: DeployCommandDeps = {
    openEngine: async () => engine,
    buildBundles: async () => {
      built = true;
      return "/tmp/bundles";
    },
    loadProgram: async () => async () => ({}),
    preflightDeps: async (opened, env) => ({
      engine: opened,
      env,
      awsClients: async () => aws,
      probeBavest: workingKey,
      lockStore: async (_backend, stack) => fileLockStore(home, "bavest-signals", stack),
      synthesize: async (config, stack) => runSynth({ config, stack, bundleDir: "/tmp/bundles" }),
    }),
  };
  const { stdout, stderr, out, err } = memoryStreams();
  const env = { ...process.env, NO_COLOR: "1", BAVEST_SIGNALS_HOME: home };
  const code = await main(
    [command, "--stack", "dev", ...args],
    { stdout, stderr, env },
    { deploy: deps, preflight: deps },
  );
  return { code, stdout: out(), stderr: err(), engine, built: () => built };
}

describe("deploy runs preflight before the preview", () => {
  it("stops before building or previewing when a check fails, and names the fix", async () => {
    const run = await deployWith(["--yes"], (mocks) =>
      mocks.kinesis.on(DescribeLimitsCommand).resolves(fixture("DescribeLimits.full")),
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("1 preflight check(s) failed, before anything changed.");
    expect(run.stderr).toContain("quota-kinesis-shards: Kinesis shards: 200 of 200 used");
    expect(run.stderr).toMatch(/Fix: Ask for more in Service Quotas .*--shards <n>/);
    expect(run.stderr).toContain("--skip-preflight");
    expect(run.engine.calls).not.toContain("preview");
    expect(run.built()).toBe(false);
  });

  it("previews and deploys when every check passes", async () => {
    const run = await deployWith(["--yes"]);

    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Preflight: all \d+ checks passed\./);
    expect(run.engine.calls).toEqual(expect.arrayContaining(["preview", "up"]));
  });

  it("--skip-preflight goes straight to the preview, saying so", async () => {
    const run = await deployWith(["--yes", "--skip-preflight"], (mocks) =>
      mocks.kinesis.on(DescribeLimitsCommand).resolves(fixture("DescribeLimits.full")),
    );

    expect(run.code).toBe(0);
    expect(run.stderr).toContain("Preflight skipped (--skip-preflight)");
    expect(run.engine.calls).toContain("preview");
  });

  it("without a terminal and without --yes, a failing check is said before asking for --yes", async () => {
    const run = await deployWith([], (mocks) =>
      mocks.kinesis.on(DescribeLimitsCommand).resolves(fixture("DescribeLimits.full")),
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("quota-kinesis-shards");
    expect(run.stderr).not.toContain("pass --yes");
  });
});

describe("preflight", () => {
  it("--json prints { checks: [{ id, ok, detail, fix, doc }], ok } and exits 1 when a check fails", async () => {
    const run = await deployWith(
      ["--json"],
      (mocks) => mocks.kinesis.on(DescribeLimitsCommand).resolves(fixture("DescribeLimits.full")),
      "preflight",
    );

    expect(run.code).toBe(1);
    const document = JSON.parse(run.stdout) as { ok: boolean; checks: Record<string, unknown>[] };
    expect(document.ok).toBe(false);
    expect(document.checks.find((check) => check.id === "quota-kinesis-shards")).toEqual({
      id: "quota-kinesis-shards",
      ok: false,
      detail: "Kinesis shards: 200 of 200 used (DescribeLimits); this stack adds 1; 1 short",
      fix: expect.stringContaining("--shards <n>"),
      doc: "https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeLimits.html",
    });
    expect(run.engine.calls).not.toContain("preview");
  });

  it("prints one line per check and exits 0 when all pass", async () => {
    const run = await deployWith([], () => {}, "preflight");

    expect(run.stderr).toBe('Asking AWS about stack "dev" (read-only)...\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok {3}pulumi-backend/m);
    expect(run.stdout).toContain('Stack "dev" can be created: every check passed.');
  });
});
