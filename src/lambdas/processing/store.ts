import type { Redis } from "ioredis";
import type { RecordOutcome } from "../../core/outcomes.js";
import { WRITTEN_OUTCOMES } from "../../core/outcomes.js";
import type { RedisKeys } from "../../core/redisKeys.js";
import { type BatchWriteOptions, type PlannedRecord, planBatchWrite } from "../../core/writePlan.js";
import { STORE_BATCH_LUA } from "./storeScript.js";

/** What the write did with one record; a failed one carries why. */
export type StoreResult = { outcome: Exclude<RecordOutcome, "failed"> } | { outcome: "failed"; error: Error };

/** The Redis edge of processing: a batch's records in one round trip. */
export interface SignalStore {
  /** One result per record, in order. Never throws: a transient failure fails the records it hit. */
  storeBatch(records: PlannedRecord[], options: BatchWriteOptions): Promise<StoreResult[]>;
}

type ScriptedRedis = Redis & { bavestStoreBatch(...args: (string | number)[]): Promise<unknown> };

/**
 * Records per script call. One call blocks Redis while it runs (about 10 µs a record), and Lua's
 * `unpack` of the outcomes entry takes at most ~8,000 values: a Kinesis batch of 10,000 becomes
 * ten calls, still sent in one write.
 */
export const RECORDS_PER_SCRIPT_CALL = 1_000;

/**
 * Registers the batch script on the client. The calls of one batch are issued in the same tick,
 * so with `enableAutoPipelining` they leave in one write and come back in one read (EVALSHA; the
 * client sends EVAL once when Redis does not know the script yet).
 */
export function createSignalStore(redis: Redis, keys: RedisKeys): SignalStore {
  const scripted = redis as ScriptedRedis;
  if (typeof scripted.bavestStoreBatch !== "function")
    redis.defineCommand("bavestStoreBatch", { lua: STORE_BATCH_LUA });
  const call = async (chunk: PlannedRecord[], options: BatchWriteOptions): Promise<StoreResult[]> => {
    const write = planBatchWrite(chunk, keys, options);
    try {
      return resultsOf(
        await scripted.bavestStoreBatch(write.keys.length, ...write.keys, ...write.args),
        chunk.length,
      );
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      return chunk.map(() => ({ outcome: "failed", error: failure }));
    }
  };
  return {
    async storeBatch(records, options) {
      const calls: Promise<StoreResult[]>[] = [];
      for (let start = 0; start < records.length; start += RECORDS_PER_SCRIPT_CALL)
        calls.push(call(records.slice(start, start + RECORDS_PER_SCRIPT_CALL), options));
      return (await Promise.all(calls)).flat();
    },
  };
}

/** Checks the script's reply: one outcome per record, or `failed:<error>`. */
function resultsOf(reply: unknown, expected: number): StoreResult[] {
  if (!Array.isArray(reply) || reply.length !== expected)
    throw new Error(`unexpected reply from the store script: ${String(reply).slice(0, 200)}`);
  return reply.map((entry): StoreResult => {
    const text = String(entry);
    if (WRITTEN_OUTCOMES.has(text)) return { outcome: text as Exclude<RecordOutcome, "failed"> };
    return {
      outcome: "failed",
      error: new Error(text.startsWith("failed:") ? text.slice(7) : `unexpected outcome ${text}`),
    };
  });
}
