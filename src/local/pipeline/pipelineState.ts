import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { CHECKPOINTS_FILE_NAME } from "../mapping/checkpoints.js";

/** Where dev keeps what survives a stop: the stream, the shard checkpoints, Redis's data. */
export interface PipelineStatePaths {
  /** kinesalite's LevelDB folder. */
  kinesisDir: string;
  checkpointsFile: string;
  /** redis-server's --dir, holding its append-only file. */
  redisDir: string;
}

export function pipelineStatePaths(runDir: string): PipelineStatePaths {
  return {
    kinesisDir: join(runDir, "kinesis"),
    checkpointsFile: join(runDir, CHECKPOINTS_FILE_NAME),
    redisDir: join(runDir, "redis"),
  };
}

/** Bytes of the files in `path` (a file or a folder, not recursing further), or null when absent. */
async function sizeOf(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return info.size;
    const names = await readdir(path);
    const sizes = await Promise.all(
      names.map((name) =>
        stat(join(path, name)).then(
          (s) => s.size,
          () => 0,
        ),
      ),
    );
    return sizes.reduce((a, b) => a + b, 0);
  } catch {
    return null;
  }
}

function kib(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** What `--fresh` is about to remove, one phrase each: `the kept stream (kinesis/, 1.2 MiB)`. */
async function describeKept(paths: PipelineStatePaths): Promise<string[]> {
  const [stream, checkpoints, redis] = await Promise.all([
    sizeOf(paths.kinesisDir),
    sizeOf(paths.checkpointsFile),
    sizeOf(paths.redisDir),
  ]);
  return [
    stream ? `the kept stream (${paths.kinesisDir}, ${kib(stream)})` : "",
    checkpoints !== null ? `the shard checkpoints (${paths.checkpointsFile})` : "",
    redis ? `Redis's data (${paths.redisDir}, ${kib(redis)})` : "",
  ].filter(Boolean);
}

/**
 * Prepares the state folders; with `fresh`, first removes the stream, the checkpoints and
 * Redis's data (the dead-letter file and the logs stay: they are the user's to redrive or read)
 * and says what it removed.
 */
export async function preparePipelineState(
  runDir: string,
  fresh: boolean,
): Promise<PipelineStatePaths & { dropped: string[] }> {
  const paths = pipelineStatePaths(runDir);
  const dropped = fresh ? await describeKept(paths) : [];
  if (fresh) {
    await Promise.all([
      rm(paths.kinesisDir, { recursive: true, force: true }),
      rm(paths.checkpointsFile, { force: true }),
      rm(paths.redisDir, { recursive: true, force: true }),
    ]);
  }
  await mkdir(paths.kinesisDir, { recursive: true });
  await mkdir(paths.redisDir, { recursive: true });
  return { ...paths, dropped };
}
