import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";
import { expectedHistory, historyMismatches, jsonLines, observations } from "./support/observations.js";

// Issue T.1: with BAVEST_SIGNALS_HOME on a filesystem that filled while records arrived, dev
// died of levelup's unhandled WriteError ("No space left on device") and the replay running
// got ECONNREFUSED. The same thing on a real small filesystem (a tmpfs), filled mid-replay.

/** A tmpfs of its own, or why there is none (mounting needs root and a kernel that allows it). */
function mountSmallFilesystem(): { dir: string } | { why: string } {
  const dir = mkdtempSync(join(tmpdir(), "bavest-full-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=48m,mode=0700", "tmpfs", dir], { stdio: "pipe" });
    return { dir };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { why: String((error as { stderr?: Buffer }).stderr ?? error).trim() };
  }
}

const mounted = mountSmallFilesystem();
const mountPoint = "dir" in mounted ? mounted.dir : undefined;
if (!mountPoint) {
  console.warn(
    `disk-full.test.ts skipped: cannot mount a tmpfs here (${"why" in mounted ? mounted.why : ""}); it needs root and mount permission.`,
  );
}

const SYMBOLS = Array.from({ length: 20 }, (_, i) => `SYM${i}`);
let dev: DevProcess | undefined;

afterEach(async () => {
  await dev?.stop("SIGKILL");
  dev = undefined;
});

afterAll(() => {
  if (!mountPoint) return;
  execFileSync("umount", ["-l", mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/** Writes a file until the filesystem has no space left; returns its path. */
function fill(dir: string): string {
  const filler = join(dir, "filler.bin");
  const chunk = Buffer.alloc(1024 * 1024, 1);
  for (let i = 0; i < 1_000; i++) {
    try {
      writeFileSync(filler, chunk, { flag: "a" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOSPC") return filler;
      throw error;
    }
  }
  throw new Error(`${dir} did not fill up`);
}

async function storedObservations(redis: Redis): Promise<number> {
  let total = 0;
  for (const symbol of SYMBOLS) total += await redis.zcard(`bavest:pe_history:${symbol}`);
  return total;
}

describe.skipIf(!mountPoint)("dev on a disk that fills up while records arrive (a real tmpfs)", () => {
  it("stays up, refuses what it cannot store, says which file, and goes on once there is room", async () => {
    const home = mountPoint as string;
    const records = observations(SYMBOLS, 20_000);
    const inputDir = mkdtempSync(join(tmpdir(), "bavest-full-disk-input-"));
    const file = join(inputDir, "records.jsonl");
    await writeFile(file, jsonLines(records));
    // Many retries: a batch that fails while Redis cannot write its append-only file waits,
    // rather than going to the dead letter, which is on the full disk too.
    dev = await startDevProcess(
      ["--batching-window", "50ms", "--batch-size", "200", "--max-retries", "1000"],
      {
        home,
      },
    );
    const redis = new Redis(dev.record.redis_url);
    redis.on("error", () => {});
    try {
      const replaying = runCli(["replay", "--local", file, "--rate", "2000"], {
        env: { BAVEST_SIGNALS_HOME: home },
        timeoutMs: 120_000,
      });
      await eventually(
        () => storedObservations(redis),
        (stored) => stored > 500,
        { describe: dev.stderr },
      );
      const filler = fill(home);
      const replay = await replaying;

      // The replay was refused, not dropped: it says what was acknowledged and how to resume.
      expect(replay.code, replay.stderr).toBe(1);
      expect(replay.stderr).not.toContain("ECONNREFUSED");
      const acknowledged = Number(/Acknowledged \((\d+)\)/.exec(replay.stderr)?.[1]);
      const from = /resume with: .*--from (\d+)/.exec(replay.stderr)?.[1];
      expect(acknowledged).toBeGreaterThan(0);
      expect(acknowledged).toBeLessThan(records.length);
      expect(from).toBeDefined();

      // dev is still up and says which file it cannot write and why; status fails meanwhile.
      expect(dev.child.exitCode).toBeNull();
      expect(dev.stderr()).toMatch(/cannot write .*kinesis.*No space left on device/);
      // Redis's append-only file is on the same disk: dev names it too, once Redis fails a write.
      await eventually(
        async () => dev?.stderr() ?? "",
        (text) => /cannot write .*appendonlydir: No space left on device/.test(text),
        {
          timeoutMs: 15_000,
        },
      );
      const status = await runCli(["status", "--local"], { env: { BAVEST_SIGNALS_HOME: home } });
      expect(status.code, status.stdout + status.stderr).toBe(1);
      expect(status.stdout).toMatch(/cannot write .*No space left on device/);

      await rm(filler);
      // Every acknowledged record is stored once there is room: exactly those, none lost.
      await eventually(
        () => storedObservations(redis),
        (stored) => stored === acknowledged,
        {
          timeoutMs: 60_000,
          describe: dev.stderr,
        },
      );
      await eventually(
        async () => (await runCli(["status", "--local"], { env: { BAVEST_SIGNALS_HOME: home } })).stdout,
        (text) => !text.includes("cannot write"),
        { timeoutMs: 30_000 },
      );
      expect(dev.stderr()).toMatch(/is written again after/);
      expect(await storedObservations(redis)).toBe(acknowledged);
      expect(await readdir(join(home, "local"))).not.toContain("dead-letter.jsonl");

      // The resume command it printed sends the rest, and then every record is there.
      const resumed = await runCli(["replay", "--local", file, "--from", from as string], {
        env: { BAVEST_SIGNALS_HOME: home },
        timeoutMs: 120_000,
      });
      expect(resumed.code, resumed.stderr).toBe(0);
      await eventually(
        () => historyMismatches(redis, expectedHistory(records)),
        (left) => left.length === 0,
        {
          timeoutMs: 60_000,
          describe: dev.stderr,
        },
      );
      expect(dev.child.exitCode).toBeNull();
    } finally {
      redis.disconnect();
      rmSync(inputDir, { recursive: true, force: true });
    }
  }, 240_000);
});
