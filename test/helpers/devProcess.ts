import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LocalPipelineRecord } from "../../src/local/state.js";
import { BIN } from "./cli.js";
import { eventually } from "./eventually.js";
import { isAlive } from "./ports.js";

/** A `bavest-signals dev` child process and the pipeline record it wrote. */
export interface DevProcess {
  /** Its BAVEST_SIGNALS_HOME. */
  home: string;
  record: LocalPipelineRecord;
  child: ChildProcess;
  /** Everything dev printed on stderr so far (its batch and dead-letter lines). */
  stderr(): string;
  /**
   * Sends `signal` (SIGINT by default), then SIGKILL if dev has not exited within 8 s, and kills
   * the Redis it started: nothing of the pipeline outlives a test file.
   */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the built CLI's `dev --no-ingest ...args` (run `npm run build` first) with
 * BAVEST_SIGNALS_HOME=home, a new temporary folder unless given, and waits for its pipeline record.
 */
export async function startDevProcess(
  args: string[],
  options: { home?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<DevProcess> {
  const home = options.home ?? (await mkdtemp(join(tmpdir(), "bavest-dev-")));
  let stderr = "";
  const child = spawn(process.execPath, [BIN, "dev", "--no-ingest", ...args], {
    env: { ...process.env, ...options.env, BAVEST_SIGNALS_HOME: home, NO_COLOR: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const recordFile = join(home, "local", "pipeline.json");
  await eventually(async () => existsSync(recordFile) || child.exitCode !== null, Boolean, {
    timeoutMs: options.timeoutMs ?? 30_000,
    describe: () => stderr,
  });
  if (child.exitCode !== null) throw new Error(`dev exited with ${child.exitCode}:\n${stderr}`);
  const record = JSON.parse(await readFile(recordFile, "utf8")) as LocalPipelineRecord;
  return {
    home,
    record,
    child,
    stderr: () => stderr,
    async stop(signal = "SIGINT") {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill(signal);
        const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
        await exited;
        clearTimeout(timer);
      }
      // dev restarts a redis-server that died and rewrites its record with the new PID.
      const latest = await readFile(recordFile, "utf8")
        .then((text) => (JSON.parse(text) as LocalPipelineRecord).redisPid)
        .catch(() => undefined);
      for (const pid of new Set([record.redisPid, latest])) {
        if (pid && isAlive(pid)) process.kill(pid, "SIGKILL");
      }
    },
  };
}
