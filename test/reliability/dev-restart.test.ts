import { readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import type { LocalPipelineRecord } from "../../src/local/state.js";
import { cliJson } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";
import { isAlive } from "../helpers/ports.js";
import { expectedHistory, historyMismatches, jsonLines, observations } from "./support/observations.js";

// Issue J.4: the stream lived in dev's memory and dev's own redis-server had no persistence:
// after a replay Kinesis acknowledged, a kill of dev lost most records, and the next dev killed
// the old redis-server, leaving 0 of the stored records. dev now keeps the stream, the shard
// checkpoints and an append-only file in its state folder, and resumes from the checkpoint.
const SYMBOLS = ["AAPL", "MSFT", "NVDA", "SAP.DE"];
const started: DevProcess[] = [];

afterEach(async () => {
  for (const dev of started.splice(0)) await dev.stop("SIGKILL");
});

/** Starts dev and waits for its own record (a killed dev's record is still there at first). */
async function start(home: string, args: string[] = []): Promise<DevProcess> {
  const dev = await startDevProcess(["--batching-window", "50ms", "--batch-size", "10", ...args], { home });
  started.push(dev);
  const file = join(home, "local", "pipeline.json");
  dev.record = (await eventually(
    async () => {
      try {
        return JSON.parse(readFileSync(file, "utf8")) as LocalPipelineRecord;
      } catch {
        return undefined;
      }
    },
    (record) => record?.pid === dev.child.pid,
    { describe: dev.stderr },
  )) as LocalPipelineRecord;
  return dev;
}

/** Alive and not a zombie waiting for a parent that is gone. */
function running(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

const exited = (dev: DevProcess) =>
  new Promise<number | null>((resolve) =>
    dev.child.exitCode !== null
      ? resolve(dev.child.exitCode)
      : dev.child.once("exit", (code) => resolve(code)),
  );

describe("stopping dev keeps the stream, the checkpoints and Redis", () => {
  it("after a SIGKILL mid-stream, the next dev stores every record, and --fresh starts empty", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-restart-"));
    const records = observations(SYMBOLS, 300);
    const file = join(home, "records.jsonl");
    await writeFile(file, jsonLines(records));
    const first = await start(home);
    const replay = await cliJson(home, ["replay", "--local", file]);
    expect(replay.code).toBe(0);
    first.child.kill("SIGKILL");
    await exited(first);
    const oldRedis = first.record.redisPid as number;
    expect(isAlive(oldRedis)).toBe(true);

    const second = await start(home);
    expect(running(oldRedis)).toBe(false);
    const db = new Redis(second.record.redis_url);
    try {
      await eventually(
        () => historyMismatches(db, expectedHistory(records)),
        (problems) => problems.length === 0,
        { describe: second.stderr },
      );
    } finally {
      db.disconnect();
    }
    expect(second.stderr()).toMatch(/Resumed the stream kept in .*: \d+ record\(s\) wait for processing/);
    second.child.kill("SIGINT");
    expect(await exited(second)).toBe(0);
    expect(second.stderr()).toMatch(/Received SIGINT: stopping/);
    expect(second.stderr()).toMatch(/Stopped\. No record waits on the stream\./);

    // A clean restart finds everything still there; --fresh drops it.
    const third = await start(home);
    const kept = new Redis(third.record.redis_url);
    expect(await historyMismatches(kept, expectedHistory(records))).toEqual([]);
    kept.disconnect();
    third.child.kill("SIGTERM");
    expect(await exited(third)).toBe(0);
    const fresh = await start(home, ["--fresh"]);
    const empty = new Redis(fresh.record.redis_url);
    expect(await empty.dbsize()).toBe(0);
    empty.disconnect();
  });
});
