import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";
import { freePort } from "../helpers/ports.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";
import { expectedHistory, historyMismatches, jsonLines, observations } from "./support/observations.js";

// Issue J.4: Ctrl-C drains what is in flight with a progress line; a second Ctrl-C leaves the
// rest for the next start, and dev says how many records wait.
let dev: DevProcess | undefined;
let redis: RedisServerHandle | undefined;

afterEach(async () => {
  await dev?.stop("SIGKILL");
  await redis?.stop();
  dev = undefined;
  redis = undefined;
});

const exitOf = (process: DevProcess) =>
  new Promise<number | null>((resolve) =>
    process.child.exitCode !== null ? resolve(process.child.exitCode) : process.child.once("exit", resolve),
  );

describe("Ctrl-C while a batch is in flight", () => {
  it("drains, a second Ctrl-C leaves it on the stream, and the next dev stores it", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-drain-"));
    const port = await freePort();
    const args = [
      "--redis-url",
      `redis://127.0.0.1:${port}`,
      "--max-retries",
      "1000",
      "--batching-window",
      "50ms",
    ];
    const records = observations(["AAPL", "MSFT"], 6);
    const file = join(home, "six.jsonl");
    await writeFile(file, jsonLines(records));
    // Redis is not there yet: the batch fails and is retried, so it stays in flight.
    dev = await startDevProcess(args, { home });
    expect((await runCli(["replay", "--local", file], { env: { BAVEST_SIGNALS_HOME: home } })).code).toBe(0);
    const first = dev;
    await eventually(
      async () => first.stderr(),
      (text) => /6 records .*6 failed/.test(text),
    );
    first.child.kill("SIGINT");
    await eventually(
      async () => first.stderr(),
      (text) => /Finishing the 6 record\(s\) in flight/.test(text),
    );
    first.child.kill("SIGINT");
    expect(await exitOf(first), first.stderr()).toBe(0);
    expect(first.stderr()).toMatch(/Stopping now: what was in flight waits on the stream/);
    expect(first.stderr()).toMatch(/Stopped\. 6 record\(s\) wait on the stream/);

    redis = await startRedis({ port });
    dev = await startDevProcess(args, { home });
    const db = new Redis(redis.url);
    try {
      await eventually(
        () => historyMismatches(db, expectedHistory(records)),
        (problems) => problems.length === 0,
        { describe: dev.stderr },
      );
    } finally {
      db.disconnect();
    }
  });
});
