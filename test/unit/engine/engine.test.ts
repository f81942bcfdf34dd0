import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "../../../src/lib/errors.js";
import { mapEngineError } from "../../../src/stack/engine/errors.js";
import { passphraseEnv, resolveWorkDir, validateStackName } from "../../../src/stack/workspace.js";
import { workspaceEngineOpener } from "../../../src/stack/workspaceEngine.js";

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "bavest-engine-"));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe("the engine without the Pulumi CLI", () => {
  it("reports the missing CLI with the install link instead of spawn pulumi ENOENT", async () => {
    const env = { BAVEST_SIGNALS_HOME: home, PULUMI_CONFIG_PASSPHRASE: "test", PATH: "/nonexistent" };
    const originalPath = process.env.PATH;
    // The Automation API spawns `pulumi` through the PATH of this process.
    process.env.PATH = "/nonexistent";
    try {
      const open = workspaceEngineOpener({ env, interactive: false });

      const error = await open("dev", "createOrSelect").catch((caught) => caught);

      expect(error).toBeInstanceOf(CliError);
      expect(error.message).toBe("The Pulumi CLI is not installed.");
      expect(error.hint).toBe(
        "Install it: https://www.pulumi.com/docs/install/ then run: bavest-signals doctor",
      );
      expect(String(error.cause)).toContain("spawn pulumi ENOENT");
    } finally {
      process.env.PATH = originalPath;
    }
  });
});

describe("engine errors", () => {
  it("keeps the engine's last words for errors it does not know", () => {
    const error = mapEngineError(
      new Error("code: 1\n stdout: \n stderr: error: AccessDenied: not allowed"),
      "dev",
      "The deployment",
    );

    expect(error.message).toBe('The deployment on stack "dev" failed:\nerror: AccessDenied: not allowed');
  });

  it("explains a missing passphrase", () => {
    const error = mapEngineError(new Error("incorrect passphrase"), "dev");

    expect(error.hint).toContain("PULUMI_CONFIG_PASSPHRASE");
  });
});

describe("workspace", () => {
  it("keeps the stacks under the state home unless told otherwise", () => {
    expect(resolveWorkDir({ BAVEST_SIGNALS_HOME: "/h" })).toBe("/h/pulumi");
    expect(resolveWorkDir({ BAVEST_SIGNALS_HOME: "/h", BAVEST_SIGNALS_WORK_DIR: "/w" })).toBe("/w");
    expect(resolveWorkDir({ BAVEST_SIGNALS_WORK_DIR: "/w" }, "/flag")).toBe("/flag");
  });

  it("rejects stack names the engine would refuse", () => {
    expect(() => validateStackName("prod east")).toThrow('Invalid stack name "prod east".');
    expect(validateStackName("acme/bavest-signals/prod")).toBe("acme/bavest-signals/prod");
  });

  it("asks for the passphrase once on a terminal when a self-managed backend needs it", async () => {
    const asked: string[] = [];
    const deps = {
      env: { PULUMI_BACKEND_URL: "s3://state-bucket" },
      workDir: home,
      stackName: "dev",
      askPassword: async (message: string) => {
        asked.push(message);
        return "correct horse";
      },
    };

    const vars = await passphraseEnv({ ...deps, interactive: true });

    expect(vars).toEqual({ PULUMI_CONFIG_PASSPHRASE: "correct horse" });
    expect(asked).toHaveLength(1);
    await expect(passphraseEnv({ ...deps, interactive: false })).rejects.toThrow(
      "keeps its secrets with a passphrase",
    );
  });

  it("needs no passphrase when one is set or the stack has no salt", async () => {
    const base = { workDir: home, stackName: "dev", interactive: false, askPassword: async () => "x" };
    await writeFile(join(home, "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n");

    expect(await passphraseEnv({ ...base, env: { PULUMI_CONFIG_PASSPHRASE_FILE: "/p" } })).toEqual({});
    expect(await passphraseEnv({ ...base, env: {} })).toEqual({});
    await writeFile(join(home, "Pulumi.dev.yaml"), "encryptionsalt: v1:abc\n");
    await expect(passphraseEnv({ ...base, env: {} })).rejects.toMatchObject({
      hint: expect.stringContaining("PULUMI_CONFIG_PASSPHRASE"),
    });
  });
});
