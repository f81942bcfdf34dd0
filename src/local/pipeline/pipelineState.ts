import { mkdir, rm } from "node:fs/promises";
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

/**
 * Prepares the state folders; with `fresh`, first removes the stream, the checkpoints and
 * Redis's data (the dead-letter file and the logs stay: they are the user's to redrive or read).
 */
export async function preparePipelineState(runDir: string, fresh: boolean): Promise<PipelineStatePaths> {
  const paths = pipelineStatePaths(runDir);
  if (fresh) {
    await Promise.all([
      rm(paths.kinesisDir, { recursive: true, force: true }),
      rm(paths.checkpointsFile, { force: true }),
      rm(paths.redisDir, { recursive: true, force: true }),
    ]);
  }
  await mkdir(paths.kinesisDir, { recursive: true });
  await mkdir(paths.redisDir, { recursive: true });
  return paths;
}
