import { basename } from "node:path";
import { deadLetterMetaFile } from "../local/mapping/deadLetter.js";
import { fixtureEnvelopeCodec } from "../replay/codec.js";
import { type DeadLetterSnapshot, readDeadLetterFile, removeDeadLetterLines } from "./deadLetterFile.js";
import { removeMetaOfLines } from "./deadLetterMeta.js";
import type { Collected, RedriveRecord, RedriveSource, Unrecoverable } from "./types.js";

/**
 * The local pipeline's dead-letter file as a failure destination: one envelope a line, each
 * line its own item, sent with the symbol as partition key (as replay does). A line that is
 * not a valid envelope stays in the file and is reported.
 */
export function localDeadLetterSource(file: string): RedriveSource {
  let snapshot: DeadLetterSnapshot | undefined;
  const name = basename(file);
  return {
    description: `the dead-letter file ${file}`,
    items: `line(s) of ${name}`,
    async collect(): Promise<Collected> {
      snapshot = await readDeadLetterFile(file);
      const records: RedriveRecord[] = [];
      const unrecoverable: Unrecoverable[] = [];
      for (const line of snapshot.lines) {
        const origin = String(line.number);
        const label = `${name} line ${line.number}`;
        if (line.text.trim() === "") continue;
        const parsed = parseLine(line.text);
        if (parsed.ok) records.push({ origin, label, partitionKey: parsed.symbol, data: parsed.data });
        else unrecoverable.push({ origin, label, reason: parsed.reason });
      }
      unrecoverable.push(...(await notReplayable(deadLetterMetaFile(file))));
      return { records, unrecoverable, origins: snapshot.lines.map((line) => String(line.number)) };
    },
    async remove(origins) {
      if (!snapshot) throw new Error("remove() before collect()");
      const lines = new Set(origins.map(Number));
      await removeDeadLetterLines(file, snapshot, lines);
      await removeMetaOfLines(deadLetterMetaFile(file), lines);
    },
  };
}

/**
 * Records dev could not write to the file because they are not valid envelopes: the meta file
 * keeps their raw data and reason. They cannot be resent (processing would quarantine them).
 */
async function notReplayable(metaFile: string): Promise<Unrecoverable[]> {
  const { lines } = await readDeadLetterFile(metaFile);
  const name = basename(metaFile);
  return lines.flatMap((line) => {
    let batch: { notReplayable?: Array<{ sequenceNumber?: unknown; reason?: unknown }> };
    try {
      batch = JSON.parse(line.text) as typeof batch;
    } catch {
      return [];
    }
    return (Array.isArray(batch.notReplayable) ? batch.notReplayable : []).map((record) => ({
      origin: `${name}:${line.number}`,
      label: `${name} line ${line.number}, sequence number ${String(record.sequenceNumber ?? "?")}`,
      reason: `${String(record.reason ?? "not a valid envelope")} (not an envelope: it stays in ${name})`,
    }));
  });
}

function parseLine(text: string): ReturnType<typeof fixtureEnvelopeCodec.parse> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: "is not valid JSON" };
  }
  return fixtureEnvelopeCodec.parse(value);
}
