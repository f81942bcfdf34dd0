import { describe, expect, it } from "vitest";
import { type DeployDeps, runDeploy } from "../../../src/deploy/runDeploy.js";
import { CliError, InterruptedError } from "../../../src/lib/errors.js";
import { missingCliError } from "../../../src/stack/engine/errors.js";
import type { EngineConfigValue } from "../../../src/stack/engine/types.js";
import { memoryOutput } from "../../helpers/memoryStreams.js";
import { FakeEngine, recordedError, recordedEvents } from "../engine/fakeEngine.js";
import { FakeSignals } from "./testOutput.js";

const CONFIGURED: Record<string, EngineConfigValue> = {
  "aws:region": { value: "us-east-1", secret: false },
  "bavest-signals:symbols": { value: "AAPL,MSFT", secret: false },
  "bavest-signals:bavestApiKey": { value: "key-123", secret: true },
};

function setup(overrides: Partial<DeployDeps> = {}, config = CONFIGURED) {
  const engine = new FakeEngine("dev", config);
  engine.scripts.preview = { events: recordedEvents("preview-changes") };
  engine.scripts.up = { events: recordedEvents("up-success") };
  const captured = memoryOutput();
  const signals = new FakeSignals();
  const programs: unknown[] = [];
  const deps: DeployDeps = {
    openEngine: async () => engine,
    output: captured.output,
    interactive: false,
    confirm: async () => true,
    buildBundles: async () => "/tmp/bundles",
    loadProgram: async (inputs, bundleDir) => {
      programs.push({ inputs, bundleDir });
      return async () => ({});
    },
    signals,
    ...overrides,
  };
  return { engine, deps, captured, signals, programs };
}

describe("deploy", () => {
  it("refuses a config that breaks an AWS rule before building or previewing anything", async () => {
    const { engine, deps } = setup();
    engine.config["bavest-signals:maxRecordAgeSeconds"] = { value: "172800", secret: false };
    let built = false;
    deps.buildBundles = async () => {
      built = true;
      return "/tmp/bundles";
    };

    const attempt = runDeploy({ stack: "dev", yes: true, refresh: false }, deps);

    await expect(attempt).rejects.toMatchObject({ exitCode: 2 });
    await expect(attempt).rejects.toThrow(/bavest-signals:maxRecordAgeSeconds.*record-age-within-retention/);
    expect(engine.calls).toEqual(["getAllConfig"]);
    expect(built).toBe(false);
  });

  it("tells the program to delete an AUTH token a stack still has from before IAM authentication", async () => {
    const { engine, deps, programs } = setup();
    engine.config["bavest-signals:redisAuthToken"] = { value: "token-abcdefghijklmnop", secret: true };

    await runDeploy({ stack: "dev", yes: true, refresh: false }, deps);

    expect(programs).toMatchObject([
      { inputs: { secrets: { bavestApiKey: "key-123", legacyRedisAuthToken: true } } },
    ]);
  });

  it("says a missing Pulumi CLI before asking for --yes", async () => {
    const { deps } = setup({
      openEngine: async () => {
        throw missingCliError(new Error("spawn pulumi ENOENT"));
      },
    });

    const attempt = runDeploy({ stack: "dev", yes: false, refresh: false }, deps);

    await expect(attempt).rejects.toThrow("The Pulumi CLI is not installed.");
  });

  it("says a stack with no API key before asking for --yes", async () => {
    const { deps } = setup({}, { "aws:region": { value: "us-east-1", secret: false } });

    const attempt = runDeploy({ stack: "dev", yes: false, refresh: false }, deps);

    await expect(attempt).rejects.toThrow(
      'Stack "dev" is missing the secret config bavest-signals:bavestApiKey.',
    );
  });

  it("says a failed preflight before asking for --yes", async () => {
    const { deps, engine } = setup({
      preflight: async () => ({
        cached: false,
        report: {
          ok: false,
          checks: [
            {
              id: "quota-vpcs",
              ok: false,
              detail: "VPCs: 5 of 5 used",
              fix: "Delete an unused VPC",
              doc: "https://x",
            },
          ],
        },
      }),
    });

    const attempt = runDeploy({ stack: "dev", yes: false, refresh: false }, deps);

    await expect(attempt).rejects.toThrow(/quota-vpcs: VPCs: 5 of 5 used\n {4}Fix: Delete an unused VPC/);
    expect(engine.calls).not.toContain("preview");
  });

  it("says when a pass of the last ten minutes is reused instead of asking AWS again", async () => {
    const { deps, captured } = setup({
      preflight: async () => ({ cached: true, report: { ok: true, checks: [] } }),
    });

    await runDeploy({ stack: "dev", yes: true, refresh: false }, deps);

    expect(captured.stderr()).toContain(
      "Preflight passed less than 10 minutes ago with this config: not asked again.",
    );
  });

  it("skips preflight with --skip-preflight, saying so", async () => {
    let asked = false;
    const { deps, captured } = setup({
      preflight: async () => {
        asked = true;
        return { cached: false, report: { ok: false, checks: [] } };
      },
    });

    await runDeploy({ stack: "dev", yes: true, refresh: false, skipPreflight: true }, deps);

    expect(asked).toBe(false);
    expect(captured.stderr()).toContain("Preflight skipped (--skip-preflight)");
  });

  it("refuses without --yes when there is no terminal, once everything that can fail was checked, before building or previewing", async () => {
    const { engine, deps } = setup();
    let built = false;
    deps.buildBundles = async () => {
      built = true;
      return "/tmp/bundles";
    };

    const attempt = runDeploy({ stack: "dev", yes: false, refresh: false }, deps);

    await expect(attempt).rejects.toThrow(
      'Refusing to deploy stack "dev" without confirmation: there is no terminal to ask on.',
    );
    await expect(attempt).rejects.toMatchObject({
      hint: expect.stringContaining("bavest-signals deploy --stack dev --yes"),
    });
    expect(engine.calls).toEqual(["getAllConfig"]);
    expect(built).toBe(false);
  });

  it("previews, shows the change summary and cost estimate, then deploys and returns the outputs", async () => {
    const { engine, deps, captured, programs } = setup();

    const result = await runDeploy({ stack: "dev", yes: true, refresh: false }, deps);

    expect(engine.calls).toEqual(["getAllConfig", "preview", "up"]);
    expect(programs).toMatchObject([
      { bundleDir: "/tmp/bundles", inputs: { config: { symbols: ["AAPL", "MSFT"] } } },
    ]);
    expect(result.status).toBe("deployed");
    expect(result.outputs.redis_auth_token).toBe("[secret]");
    expect(result.plan.changes.map((change) => `${change.op} ${change.name}`)).toEqual([
      "update signals-stream",
      "replace signals-cache",
      "create signals-processing",
      "delete signals-api-key",
    ]);
    const stderr = captured.stderr();
    expect(stderr).toContain("+- replace signals-cache");
    expect(stderr).toContain("1 to create, 1 to update, 1 to replace, 1 to delete, 1 unchanged");
    expect(stderr).toMatch(
      /Estimated monthly cost \(estimate; us-east-1 on-demand list prices as of \d{4}-\d{2}-\d{2}\)/,
    );
    expect(stderr).toContain("+ created signals-stream (aws:kinesis:Stream)");
  });

  it("asks before deploying on a terminal and deploys nothing when declined", async () => {
    const questions: string[] = [];
    const { engine, deps } = setup({
      interactive: true,
      confirm: async (q) => {
        questions.push(q);
        return false;
      },
    });

    const result = await runDeploy({ stack: "dev", yes: false, refresh: false }, deps);

    expect(questions).toEqual(['Deploy these changes to stack "dev"?']);
    expect(result.status).toBe("declined");
    expect(engine.calls).not.toContain("up");
  });

  it("shows the capacity verdicts and asks before deploying a stack that does not fit", async () => {
    const questions: string[] = [];
    const symbols = Array.from({ length: 5000 }, (_, i) => `S${i}`).join(",");
    const { engine, deps, captured } = setup(
      {
        interactive: true,
        confirm: async (q) => {
          questions.push(q);
          return false;
        },
      },
      { ...CONFIGURED, "bavest-signals:symbols": { value: symbols, secret: false } },
    );

    const result = await runDeploy({ stack: "dev", yes: false, refresh: false }, deps);

    expect(questions).toEqual(['Stack "dev" does not fit (see Capacity above). Deploy it anyway?']);
    expect(captured.stderr()).toMatch(/DOES NOT FIT\s+Redis memory/);
    expect(captured.stderr()).toContain("--node-type cache.m6g.large");
    expect(result.status).toBe("declined");
    expect(engine.calls).not.toContain("up");
  });

  it("refreshes first with --refresh", async () => {
    const { engine, deps } = setup();

    await runDeploy({ stack: "dev", yes: true, refresh: true }, deps);

    expect(engine.calls).toEqual(["getAllConfig", "refresh", "preview", "up"]);
  });

  it("names the failed resource and its error when the update fails", async () => {
    const { engine, deps } = setup();
    engine.scripts.up = { events: recordedEvents("up-failed-resource"), error: new Error("code: 255") };

    const attempt = runDeploy({ stack: "dev", yes: true, refresh: false }, deps);

    await expect(attempt).rejects.toThrow(
      /1 resource\(s\) failed\.\n {2}signals-processing \(aws:lambda:Function\): updating Lambda Function/,
    );
  });

  it("turns a locked stack into the command that unlocks it", async () => {
    const { engine, deps } = setup();
    engine.scripts.up = { events: recordedEvents("up-locked"), error: recordedError("up-locked") };

    const error = await runDeploy({ stack: "dev", yes: true, refresh: false }, deps).catch(
      (caught) => caught,
    );

    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toBe('Stack "dev" is locked by another update (or by one that was interrupted).');
    expect(error.hint).toContain("bavest-signals unlock --stack dev");
  });

  it("cancels gracefully on the first Ctrl-C and exits as interrupted", async () => {
    const { engine, deps, captured, signals } = setup();
    engine.scripts.up = { events: recordedEvents("up-cancelled"), pauseAfter: 4 };

    const attempt = runDeploy({ stack: "dev", yes: true, refresh: false }, deps);
    await waitFor(() => engine.calls.includes("up"));
    signals.press();
    const error = await attempt.catch((caught) => caught);

    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.message).toContain("was cancelled");
    expect(captured.stderr()).toContain("Press Ctrl-C again to stop now.");
    expect(captured.stderr()).toContain("The engine cancelled the operation.");
  });

  it("stops waiting on the second Ctrl-C", async () => {
    const { engine, deps, signals } = setup();
    engine.scripts.up = { events: recordedEvents("up-cancelled"), pauseAfter: 4 };
    // This engine ignores the graceful cancel, as a hung one would.
    engine.scripts.up.events = engine.scripts.up.events?.slice(0, 4);
    const stuck = new FakeEngine("dev", CONFIGURED);
    stuck.scripts = engine.scripts;
    stuck.up = async () => new Promise(() => {});

    const attempt = runDeploy(
      { stack: "dev", yes: true, refresh: false },
      { ...deps, openEngine: async () => stuck },
    );
    await waitFor(() => signals.listenerCount("SIGINT") > 0 && stuck.calls.includes("preview"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    signals.press();
    signals.press();
    const error = await attempt.catch((caught) => caught);

    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.message).toContain("bavest-signals unlock --stack dev");
    expect(signals.listenerCount("SIGINT")).toBe(0);
  });

  it("says which command configures a stack that does not exist", async () => {
    const missing = new Error("code: 255\n stderr: error: no stack named 'prod' found");
    missing.name = "StackNotFoundError";
    const { deps } = setup({
      openEngine: async (name) => {
        const { mapEngineError } = await import("../../../src/stack/engine/errors.js");
        throw mapEngineError(missing, name);
      },
    });

    const attempt = runDeploy({ stack: "prod", yes: true, refresh: false }, deps);

    await expect(attempt).rejects.toThrow('Stack "prod" does not exist.');
    await expect(attempt).rejects.toMatchObject({ hint: "Run: bavest-signals configure --stack prod" });
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error("condition never became true");
}
