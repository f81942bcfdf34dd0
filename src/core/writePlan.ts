import { REJECTED_DATA_MAX_BYTES, type RedisKeys } from "./redisKeys.js";
import type { Signal } from "./signal.js";

/**
 * Everything the store script needs to write one Signal atomically (CONTRACTS section 3).
 * `keys`: pe_ratio, latest, pe_history, symbols. `args`: Signal JSON, observedAtMs,
 * retention in seconds, symbol, and the Signal JSON up to its per-delivery fields, which lets
 * the script recognise a replay of an observation it already stored.
 */
export interface SignalWrite {
  keys: [string, string, string, string];
  args: [string, string, string, string, string];
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

/**
 * Serialises a Signal with `processedAt` and `sequenceNumber` last. They change on every delivery
 * of the same observation, so `stablePrefix` (the JSON before them) identifies the observation's content.
 */
export function serializeSignal(signal: Signal): { json: string; stablePrefix: string } {
  const { processedAt, sequenceNumber, ...content } = signal;
  const stable = JSON.stringify(content);
  const stablePrefix = `${stable.slice(0, -1)},"processedAt":`;
  const json = `${stablePrefix}${JSON.stringify(processedAt)},"sequenceNumber":${JSON.stringify(sequenceNumber)}}`;
  return { json, stablePrefix };
}

/** Plans the atomic write of one Signal. */
export function planSignalWrite(signal: Signal, keys: RedisKeys, retentionSeconds: number): SignalWrite {
  const observedAtMs = Date.parse(signal.observedAt);
  const { json, stablePrefix } = serializeSignal(signal);
  return {
    keys: [
      keys.peRatio(signal.symbol, observedAtMs),
      keys.latest(signal.symbol),
      keys.history(signal.symbol),
      keys.symbols,
    ],
    args: [json, String(observedAtMs), String(Math.floor(retentionSeconds)), signal.symbol, stablePrefix],
  };
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
