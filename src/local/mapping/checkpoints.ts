import { readFile } from "node:fs/promises";
import { jsonFileWriter } from "../../lib/jsonFileWriter.js";

/** The file in dev's state folder with the last sequence number done with, per shard. */
export const CHECKPOINTS_FILE_NAME = "checkpoints.json";

export interface CheckpointsDocument {
  streamName: string;
  /** shardId to the sequence number of the last record processed or dead-lettered. */
  shards: Record<string, string>;
  updatedAt: string;
}

/** The checkpoints of `streamName`, or none when the file is missing, unreadable or of another stream. */
export async function readCheckpoints(file: string, streamName: string): Promise<Record<string, string>> {
  try {
    const document = JSON.parse(await readFile(file, "utf8")) as Partial<CheckpointsDocument>;
    if (document.streamName !== streamName || typeof document.shards !== "object" || !document.shards)
      return {};
    return Object.fromEntries(
      Object.entries(document.shards).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    );
  } catch {
    return {};
  }
}

export interface CheckpointWriter {
  /** Notes a shard's new position; written soon after, never two writes at once. */
  save(shardId: string, sequenceNumber: string): void;
  /** Waits for the last position to be on disk. */
  flush(): Promise<void>;
}

/**
 * Keeps the checkpoints file up to date, atomically (a temporary file renamed over it). A
 * checkpoint written late only means a record is delivered again on the next start, which
 * processing makes harmless (writes are idempotent).
 */
export function startCheckpointWriter(
  file: string,
  streamName: string,
  initial: Record<string, string>,
  /** Each write's outcome: a failed one (a full disk) is tried again every second. */
  report: { onError?: (error: unknown) => void; onWritten?: () => void } = {},
): CheckpointWriter {
  const shards = { ...initial };
  const writer = jsonFileWriter(
    file,
    (): CheckpointsDocument => ({ streamName, shards, updatedAt: new Date().toISOString() }),
    report.onError,
    report.onWritten ? { onWritten: report.onWritten } : {},
  );
  return {
    save(shardId, sequenceNumber) {
      shards[shardId] = sequenceNumber;
      void writer.write();
    },
    flush: () => writer.flush(),
  };
}
