import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeLocalPipelineRecord } from "../../src/local/state.js";
import { startConsoleProcess } from "../browser/chromium.js";
import { runCli } from "../helpers/cli.js";
import { localPipelineRecord } from "../helpers/localStream.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

let redis: RedisServerHandle;
let home: string;

beforeAll(async () => {
  redis = await startRedis();
  home = await mkdtemp(join(tmpdir(), "bavest-console-"));
  const record = localPipelineRecord(home, {
    redis_url: redis.url,
    redis_primary_endpoint: `127.0.0.1:${redis.port}`,
  });
  await writeLocalPipelineRecord(record, { BAVEST_SIGNALS_HOME: home });
});
afterAll(async () => {
  await redis?.stop();
  await rm(home, { recursive: true, force: true });
});

describe("bavest-signals console", () => {
  it('prints { "url" } with a fresh token under --json, serves that URL, and stops on Ctrl-C with exit 0', async () => {
    const first = await startConsoleProcess(home);
    const second = await startConsoleProcess(home);
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
      expect(new URL(first.url).searchParams.get("token")).not.toBe(
        new URL(second.url).searchParams.get("token"),
      );
      const opened = await fetch(first.url, { redirect: "manual" });
      expect(opened.status).toBe(302);
      const cookie = (opened.headers.get("set-cookie") ?? "").split(";")[0] as string;
      const page = await fetch(new URL("/", first.url), { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("/assets/console.js");
      expect((await fetch(new URL("/", first.url))).status).toBe(403);
    } finally {
      await second.stop();
      await first.stop();
    }
    expect(first.child.exitCode).toBe(0);
  });

  it("names a port that is taken and how to pick another", async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = await runCli(["console", "--local", "--no-open", "--port", String(port)], {
        env: { BAVEST_SIGNALS_HOME: home },
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(run.stderr).toContain("console --local --port 0");
    } finally {
      taken.close();
    }
  });

  it("refuses a port that is not one (exit 2) and says to start dev when none runs", async () => {
    const bad = await runCli(["console", "--local", "--port", "http"], {
      env: { BAVEST_SIGNALS_HOME: home },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port must be a whole number from 0 to 65535 (got "http")');
    const empty = await mkdtemp(join(tmpdir(), "bavest-console-none-"));
    try {
      const none = await runCli(["console", "--local", "--no-open"], { env: { BAVEST_SIGNALS_HOME: empty } });
      expect(none.code).toBe(1);
      expect(none.stderr).toContain("bavest-signals dev");
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
