import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { decodeRecordData } from "../../core/envelope.js";
import type { StreamRecord } from "./kinesisEvent.js";

/** The side file next to the dead-letter file that says why and from where each batch came. */
export function deadLetterMetaFile(deadLetterFile: string): string {
  return deadLetterFile.replace(/(\.jsonl)?$/, ".meta.jsonl");
}

/**
 * A record's envelope as one JSON Line (so `replay` can send it again), or why it cannot be:
 * a record the processing function would quarantine anyway stays out of the replayable file.
 */
export function replayableLine(record: StreamRecord): { line: string } | { reason: string } {
  const decoded = decodeRecordData(record.data);
  if (!decoded.ok) return { reason: decoded.reason };
  // The decoder accepts a byte order mark; JSON.parse does not. Decoded values nest at most
  // 64 levels, so stringifying cannot overflow; the catch is for what nobody foresaw.
  try {
    const text = Buffer.from(record.data)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    return { line: JSON.stringify(JSON.parse(text)) };
  } catch (error) {
    return { reason: `cannot be written as a JSON line (${(error as Error).message})` };
  }
}

/**
 * The stand-in for the trigger's on-failure destination: each failed record's envelope as a
 * JSON Line in `file` (replayable with `bavest-signals replay --local <file>`), and one
 * metadata line per batch in the side file, with the raw data and the reason of records that
 * are not valid envelopes.
 */
export async function appendDeadLetters(
  file: string,
  batch: { shardId: string; records: readonly StreamRecord[]; reason: string; attempts: number },
  now: Date = new Date(),
): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const lines: string[] = [];
  const notReplayable: Array<{ sequenceNumber: string; reason: string; dataBase64: string }> = [];
  for (const record of batch.records) {
    const replayable = replayableLine(record);
    if ("line" in replayable) {
      lines.push(replayable.line);
    } else {
      notReplayable.push({
        sequenceNumber: record.sequenceNumber,
        reason: replayable.reason,
        dataBase64: Buffer.from(record.data).toString("base64"),
      });
    }
  }
  if (lines.length > 0) await appendFile(file, `${lines.join("\n")}\n`, "utf8");
  const meta = {
    failedAt: now.toISOString(),
    shardId: batch.shardId,
    reason: batch.reason,
    attempts: batch.attempts,
    startSequenceNumber: batch.records[0]?.sequenceNumber,
    endSequenceNumber: batch.records[batch.records.length - 1]?.sequenceNumber,
    records: batch.records.map((record) => ({
      sequenceNumber: record.sequenceNumber,
      partitionKey: record.partitionKey,
    })),
    notReplayable,
  };
  await appendFile(deadLetterMetaFile(file), `${JSON.stringify(meta)}\n`, "utf8");
}
