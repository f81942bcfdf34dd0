import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { StreamRecord } from "./kinesisEvent.js";

/** The side file next to the dead-letter file that says why and from where each batch came. */
export function deadLetterMetaFile(deadLetterFile: string): string {
  return deadLetterFile.replace(/(\.jsonl)?$/, ".meta.jsonl");
}

/** A record's data as one JSON Line when it is JSON (so `replay` can send it again), else null. */
export function replayableLine(record: StreamRecord): string | null {
  try {
    return JSON.stringify(JSON.parse(Buffer.from(record.data).toString("utf8")));
  } catch {
    return null;
  }
}

/**
 * The stand-in for the trigger's on-failure destination: each failed record's envelope as a
 * JSON Line in `file` (replayable with `bavest-signals replay --local <file>`), and one
 * metadata line per batch in the side file, with the raw data of records that were not JSON.
 */
export async function appendDeadLetters(
  file: string,
  batch: { shardId: string; records: readonly StreamRecord[]; reason: string; attempts: number },
  now: Date = new Date(),
): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const lines: string[] = [];
  const notJson: Array<{ sequenceNumber: string; dataBase64: string }> = [];
  for (const record of batch.records) {
    const line = replayableLine(record);
    if (line === null) {
      notJson.push({
        sequenceNumber: record.sequenceNumber,
        dataBase64: Buffer.from(record.data).toString("base64"),
      });
    } else {
      lines.push(line);
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
    notJson,
  };
  await appendFile(deadLetterMetaFile(file), `${JSON.stringify(meta)}\n`, "utf8");
}
