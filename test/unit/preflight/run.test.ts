import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeLimitsCommand } from "@aws-sdk/client-kinesis";
import { beforeAll, describe, expect, it } from "vitest";
import { fileCache, PREFLIGHT_CACHE_TTL_MS } from "../../../src/preflight/cache.js";
import { renderPreflight } from "../../../src/preflight/render.js";
import { type PreflightDeps, runPreflight } from "../../../src/preflight/run.js";
import { defaultStackConfig } from "../../../src/stack/config.js";
import type { EngineConfigValue } from "../../../src/stack/engine/types.js";
import { fileLockStore } from "../../../src/stack/engine/unlock/lockStore.js";
import type { RecordedCall } from "../../../src/stack/synth/mocks.js";
import { runSynth, type SynthResource } from "../../../src/stack/synth/runSynth.js";
import { FakeEngine } from "../engine/fakeEngine.js";
import { answerYes, fixture, mockedAws, workingKey } from "./harness.js";

const CONFIGURED: Record<string, EngineConfigValue> = {
  "aws:region": { value: "eu-central-1", secret: false },
  "bavest-signals:bavestApiKey": { value: "key-123", secret: true },
};

let program: { resources: SynthResource[]; calls: RecordedCall[] };
beforeAll(async () => {
  program = await runSynth({ config: defaultStackConfig(), stack: "dev", bundleDir: "/tmp/bundles" });
});

async function setup(options: { now?: () => number } = {}) {
  const home = await mkdtemp(join(tmpdir(), "preflight-"));
  const engine = new FakeEngine("dev", CONFIGURED);
  const { aws, mocks } = mockedAws();
  answerYes(mocks);
  let synthesized = 0;
  const deps: PreflightDeps = {
    engine,
    env: { BAVEST_SIGNALS_HOME: home },
    awsClients: async () => aws,
    synthesize: async () => {
      synthesized += 1;
      return program;
    },
    probeBavest: workingKey,
    lockStore: async (backend, stack) =>
      fileLockStore(backend.kind === "file" ? backend.root : "", "bavest-signals", stack),
    cache: fileCache({ BAVEST_SIGNALS_HOME: home }, options.now),
  };
  return { engine, mocks, deps, home, synthesized: () => synthesized };
}

describe("runPreflight", () => {
  it("answers the --json document: every check with id, ok, detail, fix and doc, and ok", async () => {
    const { deps } = await setup();

    const { report, cached } = await runPreflight("dev", deps);

    expect(cached).toBe(false);
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.id).slice(0, 3)).toEqual([
      "pulumi-backend",
      "stack-secrets",
      "identity",
    ]);
    for (const check of report.checks) {
      expect(Object.keys(check).sort()).toEqual(["detail", "doc", "fix", "id", "ok"]);
      expect(check.fix).toBeNull();
    }
    expect(renderPreflight(report, "dev")).toContain('Stack "dev" can be created: every check passed.');
  });

  it("keeps a pass for ten minutes per stack and config, then asks again", async () => {
    let now = 1_000_000;
    const { deps, engine, synthesized } = await setup({ now: () => now });
    await runPreflight("dev", deps);

    now += PREFLIGHT_CACHE_TTL_MS - 1;
    expect((await runPreflight("dev", deps)).cached).toBe(true);
    engine.config["bavest-signals:shards"] = { value: "2", secret: false };
    expect((await runPreflight("dev", deps)).cached).toBe(false);
    now += PREFLIGHT_CACHE_TTL_MS;
    expect((await runPreflight("dev", deps)).cached).toBe(false);
    expect(synthesized()).toBe(3);
  });

  it("never keeps a failure: the next run asks AWS again", async () => {
    const { deps, mocks } = await setup();
    mocks.kinesis.on(DescribeLimitsCommand).resolves(fixture("DescribeLimits.full"));
    expect((await runPreflight("dev", deps)).report.ok).toBe(false);

    mocks.kinesis.on(DescribeLimitsCommand).resolves(fixture("DescribeLimits.room"));
    const again = await runPreflight("dev", deps);

    expect(again).toMatchObject({ cached: false, report: { ok: true } });
  });

  it("reads the lock as unlock does: a lock file of a file:// backend fails the Pulumi check", async () => {
    const { deps, engine, home } = await setup();
    const root = join(home, "state");
    const folder = join(root, ".pulumi/locks/organization/bavest-signals/dev");
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(folder, "0b1c.json"),
      JSON.stringify({ pid: 4242, username: "ci", hostname: "runner-7", timestamp: "2026-11-30T10:00:00Z" }),
    );
    engine.backend = `file://${root}`;

    const { report } = await runPreflight("dev", deps);

    const backend = report.checks.find((check) => check.id === "pulumi-backend");
    expect(backend).toMatchObject({
      ok: false,
      fix: "If no other update is running: bavest-signals unlock --stack dev",
    });
    expect(backend?.detail).toContain("by ci@runner-7 at 2026-11-30T10:00:00Z");
    expect(report.ok).toBe(false);
  });

  it("an update in progress on Pulumi Cloud fails the Pulumi check", async () => {
    const { deps, engine } = await setup();
    engine.lockInfo = async () => ({ locked: true, detail: "last update: update, in-progress" });

    const { report } = await runPreflight("dev", deps);

    expect(report.checks[0]).toMatchObject({ id: "pulumi-backend", ok: false });
  });

  it("stops at the secrets when the passphrase does not open the config, naming how to set it", async () => {
    const { deps, engine, synthesized } = await setup();
    const { mapEngineError } = await import("../../../src/stack/engine/errors.js");
    engine.getAllConfig = async () => {
      throw mapEngineError(new Error("error: incorrect passphrase"), "dev");
    };

    const { report } = await runPreflight("dev", deps);

    expect(report.ok).toBe(false);
    expect(report.checks.map((check) => check.id)).toEqual(["pulumi-backend", "stack-secrets"]);
    expect(report.checks[1]?.fix).toContain("PULUMI_CONFIG_PASSPHRASE");
    expect(synthesized()).toBe(0);
  });
});
