import { closeSync, existsSync, fstatSync, openSync, renameSync, writeSync } from "node:fs";
import { Writable } from "node:stream";

/** A function's log file grows to this size before it is rotated. */
export const LOG_MAX_BYTES = 10 * 1024 * 1024;
/** Rotated files kept besides the current one (`processing.log.1` is the newest of them). */
export const LOG_KEEP = 3;

export interface RotatingLogOptions {
  maxBytes?: number;
  keep?: number;
  /** Whether a line may be written now (room left on the disk); false drops it. */
  canWrite?: () => boolean;
  /** After each write: null when it landed, else why it was dropped. */
  onWrite?: (error: Error | null) => void;
}

/** Why a line was dropped although the write itself did not fail. */
export const LOG_DROPPED_FOR_SPACE =
  "log lines are dropped to keep the disk's last free space for the stream's records";

/** `processing.log.2`: the nth rotated file of `file` (1 = the newest). */
export function rotatedLogFile(file: string, n: number): string {
  return `${file}.${n}`;
}

/**
 * An append-only log file capped at `maxBytes`: when a write ends a line past the cap,
 * `file` becomes `file.1`, `file.1` becomes `file.2`, ..., the oldest beyond `keep` is
 * overwritten, and writing goes on in a new `file`. A local pipeline left running for
 * days so never fills the disk (at most (keep + 1) x maxBytes per function, plus a line).
 * A line that cannot be written (a full disk) is dropped, never an error of the stream: the
 * function writing it goes on, and so does writing once there is room again.
 */
export function createRotatingLog(file: string, options: RotatingLogOptions = {}): Writable {
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const keep = options.keep ?? LOG_KEEP;
  let fd: number | undefined;
  let size = 0;
  const ensureOpen = (): number => {
    if (fd === undefined) {
      fd = openSync(file, "a");
      size = fstatSync(fd).size;
    }
    return fd;
  };
  const rotate = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    for (let n = keep - 1; n >= 1; n -= 1) {
      if (existsSync(rotatedLogFile(file, n)))
        renameSync(rotatedLogFile(file, n), rotatedLogFile(file, n + 1));
    }
    if (keep >= 1) renameSync(file, rotatedLogFile(file, 1));
    else closeSync(openSync(file, "w"));
  };
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (options.canWrite && !options.canWrite()) {
        options.onWrite?.(new Error(LOG_DROPPED_FOR_SPACE));
        callback();
        return;
      }
      try {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        writeSync(ensureOpen(), bytes);
        size += bytes.length;
        // Only at the end of a line, so that no line is split across two files.
        if (size >= maxBytes && bytes[bytes.length - 1] === 0x0a) rotate();
        options.onWrite?.(null);
      } catch (error) {
        // Reopened on the next line: its size is read again from the file then.
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
        options.onWrite?.(error as Error);
      }
      callback();
    },
    final(callback) {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      callback();
    },
  });
}
