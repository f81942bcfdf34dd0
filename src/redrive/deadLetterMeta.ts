import { type DeadLetterLine, readDeadLetterFile, rewriteDeadLetterLines } from "./deadLetterFile.js";

/** The part of a dead-letter meta line (src/local/mapping/deadLetter.ts) that says which records it covers. */
interface MetaBatch {
  records?: Array<{ sequenceNumber?: unknown }>;
  notReplayable?: Array<{ sequenceNumber?: unknown }>;
}

function parseBatch(text: string): MetaBatch | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && Array.isArray((value as MetaBatch).records)
      ? (value as MetaBatch)
      : null;
  } catch {
    return null;
  }
}

/**
 * The meta lines left once the dead-letter file's lines `removed` are gone. dev appends a
 * batch's replayable records to the dead-letter file in order, then one meta line for the
 * batch, so the meta lines, read in order, cover the file's lines in order: each batch its
 * records less those not replayable. A batch's resent records leave its `records`; a batch
 * with nothing left is dropped. Lines that are not such a batch are kept as they are. Pure.
 */
export function metaLinesWithout(
  lines: readonly DeadLetterLine[],
  removed: ReadonlySet<number>,
): Map<number, string | null> {
  const changed = new Map<number, string | null>();
  let fileLine = 0;
  for (const line of lines) {
    const batch = parseBatch(line.text);
    if (batch === null) continue;
    const notReplayable = new Set((batch.notReplayable ?? []).map((record) => record.sequenceNumber));
    const records = (batch.records ?? []).filter((record) => {
      if (notReplayable.has(record.sequenceNumber)) return true;
      fileLine += 1;
      return !removed.has(fileLine);
    });
    if (records.length === batch.records?.length) continue;
    changed.set(line.number, records.length === 0 ? null : JSON.stringify({ ...batch, records }));
  }
  return changed;
}

/**
 * Drops the meta entries of the dead-letter lines a redrive removed, so that the meta file
 * keeps describing what the dead-letter file holds (and is gone when nothing is left).
 */
export async function removeMetaOfLines(metaFile: string, removed: ReadonlySet<number>): Promise<void> {
  if (removed.size === 0) return;
  const snapshot = await readDeadLetterFile(metaFile);
  const changed = metaLinesWithout(snapshot.lines, removed);
  if (changed.size === 0) return;
  await rewriteDeadLetterLines(metaFile, snapshot, (line) =>
    changed.has(line.number) ? (changed.get(line.number) ?? null) : line.text,
  );
}
