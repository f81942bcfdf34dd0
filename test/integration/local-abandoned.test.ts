import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localPipelineFile } from "../../src/lib/paths.js";
import { reapAbandonedPipeline } from "../../src/local/dev/abandoned.js";
import { isAlive } from "../helpers/ports.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

/** A PID that surely belonged to a process that has exited. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ["-e", "0"]);
  return run.pid as number;
}

async function writeRecord(env: NodeJS.ProcessEnv, record: Record<string, unknown>): Promise<string> {
  const file = localPipelineFile(env);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(record));
  return file;
}

let redis: RedisServerHandle | undefined;
afterEach(async () => {
  await redis?.stop();
  redis = undefined;
});

describe("cleaning up after a dev that was killed", () => {
  it("stops the redis-server a dead dev's record names and removes the record", async () => {
    redis = await startRedis();
    const env = { BAVEST_SIGNALS_HOME: await mkdtemp(join(tmpdir(), "abandoned-")) };
    const file = await writeRecord(env, { pid: deadPid(), redisPid: redis.pid });

    const stopped = await reapAbandonedPipeline(env);

    expect(stopped).toBe(redis.pid);
    await expect.poll(() => isAlive(redis?.pid ?? 0)).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it("never kills a process that is not a redis-server, even under a recorded PID", async () => {
    const other = spawn("sleep", ["30"], { stdio: "ignore" });
    const env = { BAVEST_SIGNALS_HOME: await mkdtemp(join(tmpdir(), "abandoned-")) };
    await writeRecord(env, { pid: deadPid(), redisPid: other.pid });

    const stopped = await reapAbandonedPipeline(env);

    expect(stopped).toBeUndefined();
    expect(isAlive(other.pid as number)).toBe(true);
    other.kill("SIGKILL");
  });

  it("leaves the record of a dev that is still running alone", async () => {
    redis = await startRedis();
    const env = { BAVEST_SIGNALS_HOME: await mkdtemp(join(tmpdir(), "abandoned-")) };
    const file = await writeRecord(env, { pid: process.pid, redisPid: redis.pid });

    expect(await reapAbandonedPipeline(env)).toBeUndefined();
    expect(isAlive(redis.pid)).toBe(true);
    expect(existsSync(file)).toBe(true);
  });
});
