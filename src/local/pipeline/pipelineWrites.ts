import type { RotatingLogOptions } from "../../lib/rotatingLog.js";
import {
  freeBytes,
  freeSpaceAbove,
  isOutOfSpace,
  LOG_FREE_SPACE_RESERVE_BYTES,
  RECORDS_FREE_SPACE_RESERVE_BYTES,
  type WriteFaults,
} from "./writeFaults.js";

/** How often dev looks whether space came back, when something could not be written for lack of it. */
const SPACE_RECHECK_MS = 1_000;

/** How each of dev's writes reports to the faults it keeps (see writeFaults.ts). */
export interface PipelineWrites {
  /** For a function's log: lines dropped first when the disk fills, each outcome reported. */
  logGuard(file: string): Pick<RotatingLogOptions, "canWrite" | "onWrite">;
  /** For a jsonFileWriter (checkpoints, counters). */
  reporting(file: string): { onError: (error: unknown) => void; onWritten: () => void };
  /** Why the stream's store should refuse records now (the last free space is kept), or null. */
  storeRefusal(): string | null;
  /** A server writing to `file` died: when the disk is full, that is why (told as its fault). */
  serverDown(file: string): void;
  /** Stops looking for space coming back. */
  stop(): void;
  /** Runs one write of `file` and reports it; its error still reaches the caller. */
  tracked<T>(file: string, write: () => Promise<T>): Promise<T>;
}

export function pipelineWrites(faults: WriteFaults, runDir: string): PipelineWrites {
  const roomForLogs = freeSpaceAbove(runDir, LOG_FREE_SPACE_RESERVE_BYTES);
  const roomForRecords = freeSpaceAbove(runDir, RECORDS_FREE_SPACE_RESERVE_BYTES, 200);
  // A file refused for lack of space may see no write for a while (no traffic): once there is
  // room for everything again, it is no longer reported; its next write is tried as usual.
  const recheck = setInterval(() => {
    const full = faults.list().filter((fault) => isOutOfSpace(fault.reason));
    if (full.length > 0 && roomForLogs()) for (const fault of full) faults.succeeded(fault.file);
  }, SPACE_RECHECK_MS);
  recheck.unref();
  return {
    stop: () => clearInterval(recheck),
    serverDown(file) {
      const free = freeBytes(runDir);
      if (free !== null && free < LOG_FREE_SPACE_RESERVE_BYTES) {
        faults.failed(
          file,
          new Error(
            `No space left on device (${free} bytes free): redis-server exits when it cannot write its append-only file, and is started again`,
          ),
        );
      }
    },
    storeRefusal: () =>
      roomForRecords()
        ? null
        : `No space left on device: ${freeBytes(runDir) ?? 0} bytes free, the last ${RECORDS_FREE_SPACE_RESERVE_BYTES} are kept for the checkpoints`,
    logGuard: (file) => ({
      canWrite: roomForLogs,
      onWrite: (error) => (error ? faults.failed(file, error) : faults.succeeded(file)),
    }),
    reporting: (file) => ({
      onError: (error) => faults.failed(file, error),
      onWritten: () => faults.succeeded(file),
    }),
    async tracked(file, write) {
      try {
        const result = await write();
        faults.succeeded(file);
        return result;
      } catch (error) {
        faults.failed(file, error);
        throw error;
      }
    },
  };
}
