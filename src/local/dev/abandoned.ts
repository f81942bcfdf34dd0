import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { promisify } from "node:util";
import { localPipelineFile } from "../../lib/paths.js";
import { isProcessAlive, type LocalPipelineRecord } from "../state.js";

const execFileAsync = promisify(execFile);

/** The command name of a live process, or null when it is gone or cannot be asked. */
async function commandOf(pid: number): Promise<string | null> {
  try {
    const { stdout } = await execFileAsync("ps", ["-o", "comm=", "-p", String(pid)]);
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/** SIGTERM (redis-server closes its append-only file), SIGKILL if it is still there after 3 s. */
async function terminate(pid: number): Promise<void> {
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 3_000;
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isProcessAlive(pid)) process.kill(pid, "SIGKILL");
}

/**
 * Cleans up after a `dev` that was killed without a chance to stop (SIGKILL, a crash of the
 * machine's session): its record still names a redis-server that nobody will stop. Stops that
 * server, but only while the PID still belongs to a redis-server, and removes the stale record.
 * Returns the PID it stopped, if any.
 */
export async function reapAbandonedPipeline(env: NodeJS.ProcessEnv): Promise<number | undefined> {
  const file = localPipelineFile(env);
  let record: Partial<LocalPipelineRecord>;
  try {
    record = JSON.parse(await readFile(file, "utf8")) as Partial<LocalPipelineRecord>;
  } catch {
    return undefined;
  }
  if (typeof record.pid === "number" && isProcessAlive(record.pid)) return undefined;
  let stopped: number | undefined;
  const redisPid = record.redisPid;
  if (typeof redisPid === "number" && isProcessAlive(redisPid)) {
    // A PID can be reused: only a redis-server is ours to stop.
    if ((await commandOf(redisPid))?.includes("redis-server")) {
      await terminate(redisPid);
      stopped = redisPid;
    }
  }
  await rm(file, { force: true });
  return stopped;
}
