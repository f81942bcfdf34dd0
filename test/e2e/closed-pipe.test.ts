import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";
import { isAlive } from "../helpers/ports.js";

// Issue S.3: `configure --help | head -1`, `inspect --local | true`, ... printed
// "Error: write EPIPE" with a stack trace and exited 1; `dev 2>&1 | tee dev.log` then Ctrl-C
// exited 1 without stopping in order and left a 0-byte checkpoints.json.<pid>.tmp behind.
const FIXTURE = fileURLToPath(new URL("../../fixtures/sample.json", import.meta.url));

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
  );

/** Runs the CLI with its stdout's reader gone at once, as `| true` leaves it; stderr is kept. */
async function withStdoutClosed(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  whileRunning: (stderr: () => string) => Promise<void> = async () => {},
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.destroy();
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await whileRunning(() => stderr);
  const code = await exitOf(child);
  clearTimeout(timer);
  return { code, stderr };
}

describe("a closed stdout ends output quietly", () => {
  for (const command of ["configure", "plan", "dev", "replay"]) {
    it(`${command} --help exits 0 without an EPIPE error`, async () => {
      const run = await withStdoutClosed([command, "--help"]);
      expect(run.stderr).not.toMatch(/EPIPE|Error/);
      expect(run.code).toBe(0);
    });
  }
});

describe("reads of a running dev into a closed pipe", () => {
  let dev: DevProcess;
  beforeAll(async () => {
    dev = await startDevProcess(["--batching-window", "50ms"]);
    const replay = await runCli(["replay", "--local", FIXTURE, "--wait"], {
      env: { BAVEST_SIGNALS_HOME: dev.home },
    });
    expect(replay.code, replay.stderr).toBe(0);
  }, 60_000);
  afterAll(() => dev?.stop("SIGKILL"));

  for (const args of [
    ["inspect", "--local"],
    ["logs", "--local"],
    ["status", "--local"],
  ]) {
    it(`${args.join(" ")} exits as it does with its output read, without an EPIPE error`, async () => {
      const env = { BAVEST_SIGNALS_HOME: dev.home };
      const read = await runCli(args, { env });
      const closed = await withStdoutClosed(args, env);
      expect(closed.stderr).not.toMatch(/EPIPE|Unexpected error/);
      expect(closed.code).toBe(read.code);
    });
  }

  it("status --watch ends by itself, exit 0, once its reader is gone", async () => {
    const closed = await withStdoutClosed(["status", "--local", "--watch", "--interval", "1s"], {
      BAVEST_SIGNALS_HOME: dev.home,
    });
    expect(closed.stderr).not.toMatch(/EPIPE|Unexpected error/);
    expect(closed.code).toBe(0);
  });

  it("logs --follow ends by itself, exit 0, once its reader is gone", async () => {
    const closed = await withStdoutClosed(["logs", "--local", "--follow"], { BAVEST_SIGNALS_HOME: dev.home });
    expect(closed.stderr).not.toMatch(/EPIPE|Unexpected error/);
    expect(closed.code).toBe(0);
  });

  it("watch ends at the first change it cannot print, exit 0", async () => {
    const closed = await withStdoutClosed(
      ["watch", "--local"],
      { BAVEST_SIGNALS_HOME: dev.home },
      async (stderr) => {
        await eventually(
          async () => stderr(),
          (text) => text.includes("Watching signal changes"),
        );
        const redis = new Redis(dev.record.redis_url);
        await redis.xadd(
          "bavest:changes",
          "*",
          "symbol",
          "AAPL",
          "observedAt",
          "2025-11-20T15:20:00.000Z",
          "from",
          "sell",
          "to",
          "hold",
          "fromCategory",
          "expensive",
          "toCategory",
          "growth_stock",
          "peRatio",
          "18.5",
        );
        redis.disconnect();
      },
    );
    expect(closed.stderr).not.toMatch(/EPIPE|Unexpected error/);
    expect(closed.code).toBe(0);
  });
});

describe("dev 2>&1 | tee dev.log, then Ctrl-C", () => {
  const started: ChildProcess[] = [];
  afterEach(() => {
    for (const child of started.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  });

  it("drains, stops in order, exits 0 and leaves no temporary file although tee died first", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-tee-"));
    const tee = spawn("tee", [join(home, "dev.log")], { stdio: ["pipe", "ignore", "ignore"] });
    const dev = spawn(process.execPath, [BIN, "dev", "--every", "10s", "--batching-window", "50ms"], {
      env: { ...process.env, BAVEST_SIGNALS_HOME: home, NO_COLOR: "1" },
      stdio: ["ignore", tee.stdin, tee.stdin],
    });
    started.push(dev, tee);
    const runDir = join(home, "local");
    const recordFile = join(runDir, "pipeline.json");
    await eventually(async () => existsSync(join(runDir, "checkpoints.json")), Boolean, {
      timeoutMs: 40_000,
    });
    const record = JSON.parse(await readFile(recordFile, "utf8")) as { redisPid: number };
    // Ctrl-C reaches the whole foreground group: tee dies of it, dev's output then has no reader.
    tee.kill("SIGINT");
    await exitOf(tee);
    dev.kill("SIGINT");
    expect(await exitOf(dev)).toBe(0);
    expect(existsSync(recordFile)).toBe(false);
    expect((await readdir(runDir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect(isAlive(record.redisPid)).toBe(false);
    expect(await readFile(join(home, "dev.log"), "utf8")).toContain("Local pipeline ready");
  }, 60_000);
});
