import { DEFAULT_CHANGES_CAP, REJECTED_DATA_MAX_BYTES, type RedisKeys } from "./redisKeys.js";
import type { Signal } from "./signal.js";

/**
 * Everything the store script needs to write one Signal atomically (docs/contracts.md section 3).
 * `keys`: pe_ratio, latest, pe_history, symbols, changes. `args`, in order:
 * 1. the full Signal JSON (for `latest`), 2. observedAtMs, 3. retention in seconds, 4. symbol,
 * 5. the full JSON up to its per-delivery fields (recognises a replay of a value stored before
 * history was compact), 6. the compact JSON (the per-observation value), 7. signal, 8. category,
 * 9. peRatio ("" when null), 10. observedAt, 11. the changes stream's cap.
 */
export interface SignalWrite {
  keys: [string, string, string, string, string];
  args: [string, string, string, string, string, string, string, string, string, string, string];
}

/** One quarantined record for `{prefix}:rejected` (LPUSH, then trimmed to `cap`). */
export interface RejectWrite {
  key: string;
  entry: string;
  cap: number;
}

export interface RejectedRecord {
  reason: string;
  sequenceNumber: string;
  partitionKey: string;
  /** The record's raw bytes. */
  data: Uint8Array;
}

/** Fields that change on every delivery of one observation; `latest` keeps them, history does not. */
export const PER_DELIVERY_FIELDS = ["ingestedAt", "processedAt", "sequenceNumber"] as const;
const PER_DELIVERY = new Set<string>(PER_DELIVERY_FIELDS);

/**
 * Serialises a Signal with `processedAt` and `sequenceNumber` last. They change on every delivery
 * of the same observation, so `stablePrefix` (the JSON before them) identifies the observation's content.
 */
export function serializeSignal(signal: Signal): { json: string; stablePrefix: string } {
  // A loop, not rest-spread or Object.entries: this runs for every record on the hot path.
  const content: Record<string, unknown> = {};
  for (const field in signal) {
    if (field !== "processedAt" && field !== "sequenceNumber") content[field] = signal[field as keyof Signal];
  }
  const stable = JSON.stringify(content);
  const stablePrefix = `${stable.slice(0, -1)},"processedAt":`;
  const json = `${stablePrefix}${JSON.stringify(signal.processedAt)},"sequenceNumber":${JSON.stringify(signal.sequenceNumber)}}`;
  return { json, stablePrefix };
}

/**
 * The per-observation value: the Signal without its null and per-delivery fields
 * (docs/contracts.md section 3 allows both). History is most of Redis' memory, and these fields are most of a value.
 * Equal for every delivery of one observation, so it also recognises a replay.
 */
export function compactSignalJson(signal: Signal): string {
  const kept: Record<string, unknown> = {};
  for (const field in signal) {
    const value = signal[field as keyof Signal];
    if (value !== null && !PER_DELIVERY.has(field)) kept[field] = value;
  }
  return JSON.stringify(kept);
}

/** Plans the atomic write of one Signal. */
export function planSignalWrite(
  signal: Signal,
  keys: RedisKeys,
  retentionSeconds: number,
  changesCap: number = DEFAULT_CHANGES_CAP,
): SignalWrite {
  const observedAtMs = Date.parse(signal.observedAt);
  const { json, stablePrefix } = serializeSignal(signal);
  return {
    keys: [
      keys.peRatio(signal.symbol, observedAtMs),
      keys.latest(signal.symbol),
      keys.history(signal.symbol),
      keys.symbols,
      keys.changes,
    ],
    args: [
      json,
      String(observedAtMs),
      String(Math.floor(retentionSeconds)),
      signal.symbol,
      stablePrefix,
      compactSignalJson(signal),
      signal.signal,
      signal.category,
      signal.peRatio === null ? "" : String(signal.peRatio),
      signal.observedAt,
      String(Math.floor(changesCap)),
    ],
  };
}

/** One record of a batch as the batch script takes it: a Signal to store or a record to quarantine. */
export type PlannedRecord =
  | { kind: "signal"; sequenceNumber: string; write: SignalWrite }
  | { kind: "reject"; sequenceNumber: string; write: RejectWrite };

/**
 * One call of the batch store script (src/lambdas/processing/storeScript.ts) for many records.
 * `keys`: symbols, changes, rejected, outcomes, then pe_ratio, latest, pe_history per Signal.
 * `args`: retention seconds, changes cap, rejected cap, the outcomes' oldest kept id (ms), then
 * per record `"s", sequenceNumber, full JSON, observedAtMs, symbol, stable prefix, compact JSON,
 * signal, category, peRatio, observedAt` or `"r", sequenceNumber, rejected entry`.
 */
export interface BatchWrite {
  keys: string[];
  args: string[];
}

export interface BatchWriteOptions {
  retentionSeconds: number;
  rejectedCap: number;
  changesCap?: number;
  /** Outcome entries older than this (epoch ms) are trimmed from `{prefix}:outcomes`. */
  outcomesKeptSinceMs: number;
}

/** Plans one atomic script call over these records, in their order. */
export function planBatchWrite(
  records: PlannedRecord[],
  keys: RedisKeys,
  options: BatchWriteOptions,
): BatchWrite {
  const scriptKeys = [keys.symbols, keys.changes, keys.rejected, keys.outcomes];
  const args = [
    String(Math.floor(options.retentionSeconds)),
    String(Math.floor(options.changesCap ?? DEFAULT_CHANGES_CAP)),
    String(Math.floor(options.rejectedCap)),
    String(Math.floor(options.outcomesKeptSinceMs)),
  ];
  for (const record of records) {
    if (record.kind === "reject") {
      args.push("r", record.sequenceNumber, record.write.entry);
      continue;
    }
    const { keys: k, args: a } = record.write;
    scriptKeys.push(k[0], k[1], k[2]);
    args.push("s", record.sequenceNumber, a[0], a[1], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
  }
  return { keys: scriptKeys, args };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The first bytes of the data as text (UTF-8 cut on a character boundary) or, when not UTF-8, base64. */
function excerpt(data: Uint8Array): { data: string; dataEncoding: "utf8" | "base64" } {
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    const head = Buffer.from(data.subarray(0, Math.floor((REJECTED_DATA_MAX_BYTES * 3) / 4)));
    return { data: head.toString("base64"), dataEncoding: "base64" };
  }
  let end = Math.min(text.length, REJECTED_DATA_MAX_BYTES);
  while (Buffer.byteLength(text.slice(0, end), "utf8") > REJECTED_DATA_MAX_BYTES) end -= 1;
  // Never split a surrogate pair.
  if (end > 0 && end < text.length && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return { data: text.slice(0, end), dataEncoding: "utf8" };
}

/** Plans the quarantine of one poison record: at most 1 KiB of its data is kept. */
export function planRejectWrite(
  record: RejectedRecord,
  keys: RedisKeys,
  cap: number,
  rejectedAt: Date,
): RejectWrite {
  const { data, dataEncoding } = excerpt(record.data);
  const entry = JSON.stringify({
    reason: record.reason,
    sequenceNumber: record.sequenceNumber,
    partitionKey: record.partitionKey,
    data,
    dataEncoding,
    rejectedAt: rejectedAt.toISOString(),
  });
  return { key: keys.rejected, entry, cap };
}
