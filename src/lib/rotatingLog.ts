import { closeSync, existsSync, fstatSync, openSync, renameSync, writeSync } from "node:fs";
import { Writable } from "node:stream";

/** A function's log file grows to this size before it is rotated. */
export const LOG_MAX_BYTES = 10 * 1024 * 1024;
/** Rotated files kept besides the current one (`processing.log.1` is the newest of them). */
export const LOG_KEEP = 3;

export interface RotatingLogOptions {
  maxBytes?: number;
  keep?: number;
}

/** `processing.log.2`: the nth rotated file of `file` (1 = the newest). */
export function rotatedLogFile(file: string, n: number): string {
  return `${file}.${n}`;
}

/**
 * An append-only log file capped at `maxBytes`: when a write ends a line past the cap,
 * `file` becomes `file.1`, `file.1` becomes `file.2`, ..., the oldest beyond `keep` is
 * overwritten, and writing goes on in a new `file`. A local pipeline left running for
 * days so never fills the disk (at most (keep + 1) x maxBytes per function, plus a line).
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
      try {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        writeSync(ensureOpen(), bytes);
        size += bytes.length;
        // Only at the end of a line, so that no line is split across two files.
        if (size >= maxBytes && bytes[bytes.length - 1] === 0x0a) rotate();
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    final(callback) {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      callback();
    },
  });
}
