import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli.js";
import { CliError, InterruptedError } from "../../src/lib/errors.js";
import { eventually, fakeAccess, fakeReach, fakeSsm } from "../helpers/fakeSsmPlugin.js";
import { memoryStreams } from "../helpers/memoryStreams.js";
import { freePort, isAlive } from "../helpers/ports.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

let redis: RedisServerHandle;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

function streams() {
  const { stdout, stderr, out } = memoryStreams();
  return { io: { stdout, stderr, env: { NO_COLOR: "1" } }, stdout: out };
}

describe("bavest-signals tunnel", () => {
  it("prints a connection line on the port asked for, keeps the tunnel open, and closes it on Ctrl-C", async () => {
    const fake = fakeSsm();
    const out = streams();
    const port = await freePort();
    const program = buildProgram(out.io, {
      tunnel: {
        resolveAccess: async () => fakeAccess(redis.port, "pw"),
        tunnelApis: fakeReach(fake).tunnelApis,
      },
    });

    const run = program.parseAsync(["--json", "--stack", "dev", "tunnel", "--port", String(port)], {
      from: "user",
    });
    await eventually(() => out.stdout().includes("}"));
    const info = JSON.parse(out.stdout());
    const reachable = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    fake.signals.emit("SIGINT", "SIGINT");

    await expect(run).rejects.toThrow(InterruptedError);
    expect(info).toMatchObject({ stack: "dev", host: "127.0.0.1", port, tls: true, username: "default" });
    expect(info.redisCli).toContain(`-p ${port} --tls --sni ${info.servername}`);
    expect(JSON.stringify(info)).not.toContain('"pw"');
    expect(reachable).toBe(true);
    expect(isAlive(fake.pluginPid() ?? 0)).toBe(false);
    expect(fake.terminated).toEqual(["s-1"]);
    fake.remove();
  });

  it("reads the stack through the Automation API by default and names a missing Pulumi CLI", async () => {
    const out = streams();
    const home = mkdtempSync(join(tmpdir(), "tunnel-home-"));
    const env = { ...process.env, BAVEST_SIGNALS_HOME: home, PATH: dirname(process.execPath) };
    const run = buildProgram({ ...out.io, env }).parseAsync(["--stack", "qa", "tunnel"], {
      from: "user",
    });

    await expect(run).rejects.toThrow(CliError);
    await expect(run).rejects.toMatchObject({
      message: "The Pulumi CLI is not installed.",
      hint: expect.stringContaining("https://www.pulumi.com/docs/install/"),
    });
  });

  it("rejects a port that is not a port number as a usage error", async () => {
    const out = streams();

    const run = buildProgram(out.io).parseAsync(["tunnel", "--port", "99999"], { from: "user" });

    await expect(run).rejects.toThrow(/--port must be a whole number from 1 to 65535/);
  });
});
