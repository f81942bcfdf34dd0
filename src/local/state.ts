import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { CliError } from "../lib/errors.js";
import { localPipelineFile } from "../lib/paths.js";

/**
 * What a running `bavest-signals dev` tells the `--local` commands: where its servers listen
 * and where it writes. Written once the pipeline is ready, removed on exit.
 */
export interface LocalPipelineRecord {
  /** The PID of the `dev` process; a dead PID means the record is stale. */
  pid: number;
  startedAt: string;
  kinesis_stream_name: string;
  kinesis_endpoint: string;
  region: string;
  /** host:port */
  redis_primary_endpoint: string;
  redis_url: string;
  bavest_api_url: string;
  redis_prefix: string;
  runDir: string;
  deadLetterFile: string;
  /** The PID of the redis-server `dev` started; absent when it uses --redis-url. */
  redisPid?: number;
  shards?: number;
  /** The counters file `dev` rewrites every second (see pipelineStats.ts). */
  statsFile?: string;
  /** The last record done with per shard (see checkpoints.ts); absent when nothing is kept on disk. */
  checkpointsFile?: string;
}

const NOT_RUNNING_HINT = "Start one in another terminal: bavest-signals dev";

/** Writes the record atomically enough for readers: one write of the whole document. */
export async function writeLocalPipelineRecord(
  record: LocalPipelineRecord,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const file = localPipelineFile(env);
  await mkdir(dirname(file), { recursive: true });
  // Written whole or not at all: a reader (inspect --local, status, a test waiting for dev) that
  // opens the file while it is written would otherwise read it empty.
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(record, null, 2)}\n`, "utf8");
  await rename(partial, file);
}

/** True while a process with this PID exists (EPERM means it exists but is not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The record of the running local pipeline. Throws a CliError telling the user to start
 * `dev` when there is none, or when the process that wrote it is gone.
 */
export async function readLocalPipelineRecord(
  env: NodeJS.ProcessEnv = process.env,
): Promise<LocalPipelineRecord> {
  let text: string;
  try {
    text = await readFile(localPipelineFile(env), "utf8");
  } catch {
    throw new CliError("No local pipeline is running.", { hint: NOT_RUNNING_HINT });
  }
  let record: LocalPipelineRecord;
  try {
    record = JSON.parse(text) as LocalPipelineRecord;
  } catch (cause) {
    throw new CliError(`The local pipeline record ${localPipelineFile(env)} is not valid JSON.`, {
      hint: `Delete it and start the pipeline again: bavest-signals dev`,
      cause,
    });
  }
  if (typeof record.pid !== "number" || !isProcessAlive(record.pid)) {
    throw new CliError("No local pipeline is running.", { hint: NOT_RUNNING_HINT });
  }
  return record;
}

/** Removes the record; missing is fine (a second shutdown path may have removed it already). */
export async function removeLocalPipelineRecord(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await rm(localPipelineFile(env), { force: true });
}
