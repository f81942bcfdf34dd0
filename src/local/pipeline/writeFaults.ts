import { statfsSync } from "node:fs";
import { errorMessage } from "../../lib/errors.js";

/** A file (or folder) of dev's that it cannot write right now, and why. */
export interface WriteFault {
  file: string;
  reason: string;
  /** When the first failed write of this file happened (ISO 8601). */
  since: string;
}

export interface WriteFaultListener {
  /** A file's writes started failing: said once, not on every write. */
  onWriteFailed?(fault: WriteFault): void;
  /** A file that could not be written is written again. */
  onWriteRecovered?(file: string, failedForMs: number): void;
}

/** Which of dev's files cannot be written: the dev screen and `status --local` say so. */
export interface WriteFaults {
  failed(file: string, error: unknown): void;
  succeeded(file: string): void;
  list(): WriteFault[];
}

/** A failure that only lack of space caused: it ends when there is room again. */
export function isOutOfSpace(reason: string): boolean {
  return /no space left|ENOSPC|disk's last free space/i.test(reason);
}

/**
 * Keeps the files whose last write failed. A full disk is a state, not an event: each file is
 * reported when it starts failing and again when it is written once more, so that dev goes on
 * by itself when space comes back and says so.
 */
export function createWriteFaults(
  listener: WriteFaultListener = {},
  now: () => number = Date.now,
): WriteFaults {
  const faults = new Map<string, WriteFault>();
  return {
    failed(file, error) {
      const reason = errorMessage(error);
      const known = faults.get(file);
      if (known) {
        known.reason = reason;
        return;
      }
      const fault = { file, reason, since: new Date(now()).toISOString() };
      faults.set(file, fault);
      listener.onWriteFailed?.({ ...fault });
    },
    succeeded(file) {
      const fault = faults.get(file);
      if (!fault) return;
      faults.delete(file);
      listener.onWriteRecovered?.(file, Math.max(0, now() - Date.parse(fault.since)));
    },
    list: () => [...faults.values()].map((fault) => ({ ...fault })),
  };
}

/**
 * Free space kept for the stream's records: the functions' logs stop being written below it,
 * so that a filling disk drops log lines before it refuses a single record.
 */
export const LOG_FREE_SPACE_RESERVE_BYTES = 8 * 1024 * 1024;

/**
 * Free space kept for dev's small state files (checkpoints, counters): the stream's store
 * refuses records below it, before LevelDB meets the end of the disk halfway through a write.
 */
export const RECORDS_FREE_SPACE_RESERVE_BYTES = 1024 * 1024;

/** Bytes free for an unprivileged writer on `dir`'s filesystem, or null when unknown. */
export function freeBytes(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/**
 * Whether `dir`'s filesystem has more than `reserveBytes` free, looked up at most every
 * `everyMs` (a statfs per log line would cost more than the line). Unknown counts as room.
 */
export function freeSpaceAbove(dir: string, reserveBytes: number, everyMs = 500): () => boolean {
  let checkedAt = Number.NEGATIVE_INFINITY;
  let room = true;
  return () => {
    const at = Date.now();
    if (at - checkedAt >= everyMs) {
      checkedAt = at;
      room = (freeBytes(dir) ?? Number.POSITIVE_INFINITY) > reserveBytes;
    }
    return room;
  };
}
