import type { RawRecord } from "../kinesis/fixture.js";

/** Kinesis accepts at most 1 MiB per record, counting the data and the partition key. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** How envelopes are checked and encoded (the contract lives in src/core/envelope.ts). */
export interface EnvelopeCodec {
  parse(value: unknown): { ok: true; symbol: string; data: Uint8Array } | { ok: false; reason: string };
}

/** A record ready to send: a PutRecords entry as the SDK names it, plus where it came from. */
export interface ReplayEntry {
  index: number;
  label: string;
  PartitionKey: string;
  Data: Uint8Array;
}

export interface InvalidRecord {
  index: number;
  label: string;
  reason: string;
}

export interface ValidationResult {
  entries: ReplayEntry[];
  invalid: InvalidRecord[];
}

/**
 * Validates every record before anything is sent. Records before `from` are left out
 * entirely (a resumed replay already sent them).
 */
export function validateRecords(records: RawRecord[], codec: EnvelopeCodec, from = 0): ValidationResult {
  const entries: ReplayEntry[] = [];
  const invalid: InvalidRecord[] = [];
  for (const record of records) {
    if (record.index < from) continue;
    const { index, label } = record;
    if (record.problem !== undefined) {
      invalid.push({ index, label, reason: record.problem });
      continue;
    }
    const parsed = codec.parse(record.value);
    if (!parsed.ok) {
      invalid.push({ index, label, reason: parsed.reason });
      continue;
    }
    const size = parsed.data.byteLength + Buffer.byteLength(parsed.symbol);
    if (size > MAX_RECORD_BYTES) {
      invalid.push({
        index,
        label,
        reason: `is ${formatBytes(size)}, over the Kinesis limit of 1 MiB per record`,
      });
      continue;
    }
    entries.push({ index, label, PartitionKey: parsed.symbol, Data: parsed.data });
  }
  return { entries, invalid };
}

/** At most `max` problems, one a line, then how many more there are. */
export function describeInvalid(invalid: InvalidRecord[], max = 5): string {
  const lines = invalid.slice(0, max).map((record) => `  ${record.label}: ${record.reason}`);
  if (invalid.length > max) lines.push(`  ... and ${invalid.length - max} more`);
  return lines.join("\n");
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
