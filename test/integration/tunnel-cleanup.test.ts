import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStackTunnel, stackRedisSession } from "../../src/cloud/stackRedis.js";
import { CliError, InterruptedError } from "../../src/lib/errors.js";
import { tunnelEndError } from "../../src/tunnel/errors.js";
import { openTunnel } from "../../src/tunnel/openTunnel.js";
import { eventually, fakeAccess, fakeReach, fakeSsm, fakeTarget } from "../helpers/fakeSsmPlugin.js";
import { isAlive } from "../helpers/ports.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

// Plain TCP is enough here: these tests are about processes, not about TLS.
let redis: RedisServerHandle;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe("tunnel cleanup", () => {
  it("stops the plugin and terminates the session when the work inside fails", async () => {
    const fake = fakeSsm();
    let pluginPid = -1;

    const session = stackRedisSession(
      fakeAccess(redis.port, "pw"),
      { output: fake.deps.output, env: fake.deps.env ?? {} },
      fakeReach(fake),
    );
    const run = (async () => {
      try {
        await session.redis();
        pluginPid = fake.pluginPid() ?? -1;
        throw new Error("inspect failed");
      } finally {
        await session.discard();
      }
    })();

    await expect(run).rejects.toThrow("inspect failed");
    expect(isAlive(pluginPid)).toBe(false);
    expect(fake.terminated).toEqual(["s-1"]);
    fake.remove();
  });

  it("stops a plugin that never opens the port, after the readiness timeout", async () => {
    const fake = fakeSsm({ FAKE_SSM_PLUGIN_MODE: "hang" });

    const opening = openTunnel(fakeTarget(redis.port), { stack: "dev", readyTimeoutMs: 600 }, fake.deps);

    await expect(opening).rejects.toThrow(/did not open 127\.0\.0\.1:\d+ within 600 ms/);
    const pid = fake.pluginPid() ?? 0;
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
    expect(fake.terminated).toEqual(["s-1"]);
    fake.remove();
  });

  it("reports what the plugin said when it exits before the port opens", async () => {
    const fake = fakeSsm({ FAKE_SSM_PLUGIN_MODE: "fail" });

    const opening = openTunnel(fakeTarget(redis.port), { stack: "dev" }, fake.deps);

    await expect(opening).rejects.toThrow(CliError);
    await expect(opening).rejects.toThrow(/exited \(code 1\)[\s\S]*TargetNotConnected/);
    expect(fake.terminated).toEqual(["s-1"]);
    fake.remove();
  });

  it("closes an open tunnel on SIGINT and reports the signal", async () => {
    const fake = fakeSsm();
    const tunnel = await openTunnel(fakeTarget(redis.port), { stack: "dev" }, fake.deps);

    fake.signals.emit("SIGINT", "SIGINT");
    const end = await tunnel.ended;

    expect(end).toEqual({ reason: "signal", signal: "SIGINT" });
    expect(isAlive(tunnel.pluginPid)).toBe(false);
    expect(fake.terminated).toEqual(["s-1"]);
    expect(fake.signals.listenerCount("SIGINT")).toBe(0);
    fake.remove();
  });

  it("turns SIGINT while the work runs into an InterruptedError, with nothing left behind", async () => {
    const fake = fakeSsm();
    let pluginPid = -1;

    const tunnel = await openStackTunnel(
      fakeAccess(redis.port, "pw"),
      { output: fake.deps.output, env: fake.deps.env ?? {} },
      fakeReach(fake),
    );
    pluginPid = tunnel.connection.pluginPid;
    fake.signals.emit("SIGINT", "SIGINT");
    const end = await tunnel.connection.ended;

    expect(tunnelEndError(end, "dev")).toBeInstanceOf(InterruptedError);
    expect(isAlive(pluginPid)).toBe(false);
    expect(fake.terminated).toEqual(["s-1"]);
    fake.remove();
  });

  it("aborts on SIGINT while waiting for the port, stopping the plugin already started", async () => {
    const fake = fakeSsm({ FAKE_SSM_PLUGIN_MODE: "hang" });
    const opening = openTunnel(fakeTarget(redis.port), { stack: "dev" }, fake.deps);
    await eventually(() => fake.pluginPid() !== undefined);

    fake.signals.emit("SIGINT", "SIGINT");

    await expect(opening).rejects.toThrow(InterruptedError);
    expect(isAlive(fake.pluginPid() ?? 0)).toBe(false);
    expect(fake.terminated).toEqual(["s-1"]);
    fake.remove();
  });

  it("leaves no plugin behind when a real process gets SIGINT, and ends by that signal", async () => {
    const helpers = fileURLToPath(new URL("../helpers/fakeSsmPlugin.ts", import.meta.url));
    const tunnelModule = fileURLToPath(new URL("../../src/tunnel/openTunnel.ts", import.meta.url));
    const script = `
      const { fakeSsm, fakeTarget } = await import(${JSON.stringify(helpers)});
      const { openTunnel } = await import(${JSON.stringify(tunnelModule)});
      const fake = fakeSsm();
      delete fake.deps.signals;
      fake.deps.session.terminateSession = async (id) => { process.stderr.write("terminated " + id + "\\n"); };
      const tunnel = await openTunnel(fakeTarget(${redis.port}), { stack: "dev" }, fake.deps);
      process.stdout.write(JSON.stringify({ pluginPid: tunnel.pluginPid }) + "\\n");
      setInterval(() => {}, 60_000);
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, signal) => resolve(signal)),
    );
    await eventually(() => stdout.includes("\n"), 20_000);
    const { pluginPid } = JSON.parse(stdout) as { pluginPid: number };
    expect(isAlive(pluginPid)).toBe(true);

    child.kill("SIGINT");

    expect(await exited).toBe("SIGINT");
    expect(isAlive(pluginPid)).toBe(false);
    expect(stderr).toContain("terminated s-1");
  });
});
