import { readFile } from "node:fs/promises";

const MINUTE_MS = 60_000;

/**
 * How many records of dead-letter batches that failed within the last `windowMs` the dead
 * letter still holds, from its meta file (one line per batch: `failedAt` and its `records`).
 * `redrive` takes resent records out of that file, so what is left is what nobody resent.
 * A batch counts when its minute overlaps the window, as dev's minute counters count it.
 * Null when the file cannot be read; a missing file holds nothing.
 */
export async function recentDeadLettersHeld(
  metaFile: string,
  now: number,
  windowMs: number,
): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(metaFile, "utf8");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? 0 : null;
  }
  let held = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const batch = JSON.parse(line) as { failedAt?: unknown; records?: unknown };
      const at = typeof batch.failedAt === "string" ? Date.parse(batch.failedAt) : Number.NaN;
      const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
      if (minute + MINUTE_MS > now - windowMs && Array.isArray(batch.records)) held += batch.records.length;
    } catch {
      // A line still being written, or not a batch: it holds nothing countable.
    }
  }
  return held;
}
