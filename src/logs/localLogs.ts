import { open, stat } from "node:fs/promises";
import { LOG_KEEP, rotatedLogFile } from "../lib/rotatingLog.js";
import { pause } from "../status/watch.js";
import { type LogEntry, parseLogLine } from "./render.js";

/** A function's log file in the run folder of `dev`. */
export interface LogFile {
  source: string;
  file: string;
}

export interface ReadLogsOptions {
  /** Epoch ms; earlier lines are skipped (lines without a time are kept). */
  since: number | null;
  follow: boolean;
  /** Called once the existing lines are out and following begins. */
  onFollowing?: () => void;
  signal: AbortSignal;
  pollMs?: number;
}

/** Reads `file` from byte `from` to its current end; a missing file reads as empty. */
async function readFrom(file: string, from: number): Promise<{ text: string; end: number }> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return { text: "", end: 0 };
  }
  // A smaller file was truncated or replaced (a new `dev` run): start over.
  const start = size < from ? 0 : from;
  if (size === start) return { text: "", end: start };
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(size - start);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    return { text: buffer.subarray(0, bytesRead).toString("utf8"), end: start + bytesRead };
  } finally {
    await handle.close();
  }
}

/** The file's inode, or null when it is not there. */
async function inodeOf(file: string): Promise<number | null> {
  return stat(file).then(
    (info) => info.ino,
    () => null,
  );
}

/**
 * When `file` is no longer the file that was being read (inode `ino`), it was rotated: the
 * rest of the old one (now `file.N`) from `offset`, then the rotated files newer than it,
 * whole. Null when it was not rotated.
 */
async function rotatedTail(file: string, offset: number, ino: number | null): Promise<string | null> {
  if (ino === null) return null;
  const current = await inodeOf(file);
  if (current === null || current === ino) return null;
  for (let n = 1; n <= LOG_KEEP; n += 1) {
    if ((await inodeOf(rotatedLogFile(file, n))) !== ino) continue;
    let text = (await readFrom(rotatedLogFile(file, n), offset)).text;
    for (let newer = n - 1; newer >= 1; newer -= 1)
      text += (await readFrom(rotatedLogFile(file, newer), 0)).text;
    return text;
  }
  return ""; // Rotated out of reach: start over in the new file.
}

/** Splits off complete lines; the unfinished tail waits for the rest of its line. */
function completeLines(pending: string): { lines: string[]; rest: string } {
  const cut = pending.lastIndexOf("\n");
  if (cut < 0) return { lines: [], rest: pending };
  return {
    lines: pending
      .slice(0, cut)
      .split("\n")
      .filter((line) => line.trim() !== ""),
    rest: pending.slice(cut + 1),
  };
}

/**
 * Emits the lines of the files since `since`, oldest first across files, then, with `follow`,
 * every new line as it is appended, until `signal` aborts.
 */
export async function readLocalLogs(
  files: readonly LogFile[],
  options: ReadLogsOptions,
  emit: (entry: LogEntry) => void,
): Promise<void> {
  const state = files.map((file) => ({ ...file, offset: 0, rest: "", ino: null as number | null }));
  const first: LogEntry[] = [];
  for (const file of state) {
    // The rotated files first (oldest first): --since reaches back into them.
    for (let n = LOG_KEEP; n >= 1; n -= 1) {
      const { text } = await readFrom(rotatedLogFile(file.file, n), 0);
      first.push(...completeLines(text).lines.map((line) => parseLogLine(file.source, line)));
    }
    file.ino = await inodeOf(file.file);
    const { text, end } = await readFrom(file.file, 0);
    const { lines, rest } = completeLines(text);
    file.offset = end;
    file.rest = rest;
    first.push(...lines.map((line) => parseLogLine(file.source, line)));
  }
  const inWindow = first.filter(
    (entry) => options.since === null || entry.time === null || entry.time >= options.since,
  );
  // A stable sort keeps lines without a time next to the ones written before them.
  for (const entry of inWindow.sort((a, b) => (a.time ?? 0) - (b.time ?? 0))) emit(entry);
  if (options.follow) options.onFollowing?.();
  while (options.follow && !options.signal.aborted) {
    await pause(options.pollMs ?? 250, options.signal);
    for (const file of state) {
      const tail = await rotatedTail(file.file, file.offset, file.ino);
      if (tail !== null) {
        // Rotated since the last look: the rest of the old file first, then the new one.
        const { lines } = completeLines(file.rest + tail);
        for (const line of lines) emit(parseLogLine(file.source, line));
        file.offset = 0;
        file.rest = "";
      }
      if (file.ino === null || tail !== null) file.ino = await inodeOf(file.file);
      const { text, end } = await readFrom(file.file, file.offset);
      if (end < file.offset) file.rest = "";
      file.offset = end;
      const { lines, rest } = completeLines(file.rest + text);
      file.rest = rest;
      for (const line of lines) emit(parseLogLine(file.source, line));
    }
  }
}
