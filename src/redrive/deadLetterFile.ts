import { open, rename, rm, writeFile } from "node:fs/promises";
import { CliError } from "../lib/errors.js";

/** One complete line of the dead-letter file (a line still being written has no newline yet). */
export interface DeadLetterLine {
  /** 1-based, as editors count. */
  number: number;
  text: string;
}

export interface DeadLetterSnapshot {
  lines: DeadLetterLine[];
  /** The bytes read: everything after them was appended later and is always kept. */
  bytes: Buffer;
}

const NEWLINE = 0x0a;

/** The file's complete lines; a missing file is an empty one. */
export async function readDeadLetterFile(file: string): Promise<DeadLetterSnapshot> {
  let content: Buffer;
  try {
    const handle = await open(file, "r");
    try {
      content = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { lines: [], bytes: Buffer.alloc(0) };
    throw error;
  }
  // A trailing line without its newline is an append in progress: it belongs to the next run.
  const complete = content.subarray(0, content.lastIndexOf(NEWLINE) + 1);
  const lines = complete
    .toString("utf8")
    .split("\n")
    .slice(0, -1)
    .map((text, index) => ({ number: index + 1, text }));
  return { lines, bytes: complete };
}

/** Removes the given lines of `snapshot` from the file: see {@link rewriteDeadLetterLines}. */
export async function removeDeadLetterLines(
  file: string,
  snapshot: DeadLetterSnapshot,
  numbers: ReadonlySet<number>,
  /** Test seam: runs right after the rename, where a writer holding the old file may still append. */
  afterRename: () => Promise<void> = async () => {},
): Promise<void> {
  if (numbers.size === 0) return;
  await rewriteDeadLetterLines(
    file,
    snapshot,
    (line) => (numbers.has(line.number) ? null : line.text),
    afterRename,
  );
}

/**
 * Rewrites the lines of `snapshot` (`change` gives a line's new text, or null to drop it),
 * atomically (a new file renamed over the old one; no file at all when nothing is left),
 * keeping every byte appended since the snapshot was read: those appended before the rename
 * are copied, and those that a writer still put into the old file just after it are appended
 * to the new one. Fails, changing nothing, when the file no longer starts with the snapshot
 * (someone else rewrote it).
 */
export async function rewriteDeadLetterLines(
  file: string,
  snapshot: DeadLetterSnapshot,
  change: (line: DeadLetterLine) => string | null,
  afterRename: () => Promise<void> = async () => {},
): Promise<void> {
  const old = await open(file, "r");
  try {
    const current = await old.readFile();
    if (!current.subarray(0, snapshot.bytes.length).equals(snapshot.bytes)) {
      throw new CliError(`${file} changed while it was being redriven; nothing was removed from it.`, {
        hint: "Run the redrive again: records sent twice are harmless (processing is idempotent).",
      });
    }
    const kept = snapshot.lines.flatMap((line) => {
      const text = change(line);
      return text === null ? [] : [`${text}\n`];
    });
    const rest = Buffer.concat([Buffer.from(kept.join(""), "utf8"), current.subarray(snapshot.bytes.length)]);
    if (rest.length === 0) {
      await rm(file, { force: true });
    } else {
      const temporary = `${file}.${process.pid}.redrive.tmp`;
      await writeFile(temporary, rest);
      await rename(temporary, file);
    }
    await afterRename();
    // A writer that opened the old file before the rename may still have appended to it.
    const late = (await old.stat()).size - current.length;
    if (late > 0) {
      const extra = Buffer.alloc(late);
      await old.read(extra, 0, late, current.length);
      await writeFile(file, extra, { flag: "a" });
    }
  } finally {
    await old.close();
  }
}
