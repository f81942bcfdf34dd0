import type { Redis } from "ioredis";
import type { RejectWrite, SignalWrite } from "../../core/writePlan.js";
import { PUSH_REJECTED_LUA, STORE_SIGNAL_LUA } from "./storeScript.js";

export type StoreResult = "latest" | "stored" | "duplicate" | "stale";

/** The Redis edge of processing: one script call per record, auto-pipelined by the client. */
export interface SignalStore {
  storeSignal(write: SignalWrite): Promise<StoreResult>;
  pushRejected(write: RejectWrite): Promise<void>;
}

type ScriptedRedis = Redis & {
  bavestStoreSignal(...args: string[]): Promise<string>;
  bavestPushRejected(...args: string[]): Promise<number>;
};

const STORE_RESULTS = new Set<string>(["latest", "stored", "duplicate", "stale"]);

/**
 * Registers the store scripts on the client. With `enableAutoPipelining`, the script calls that
 * a batch issues in the same tick leave in one write (EVAL once per connection, EVALSHA after).
 */
export function createSignalStore(redis: Redis): SignalStore {
  const scripted = redis as ScriptedRedis;
  if (typeof scripted.bavestStoreSignal !== "function") {
    redis.defineCommand("bavestStoreSignal", { numberOfKeys: 5, lua: STORE_SIGNAL_LUA });
    redis.defineCommand("bavestPushRejected", { numberOfKeys: 1, lua: PUSH_REJECTED_LUA });
  }
  return {
    async storeSignal(write) {
      const reply = await scripted.bavestStoreSignal(...write.keys, ...write.args);
      if (!STORE_RESULTS.has(reply))
        throw new Error(`unexpected reply from the store script: ${String(reply)}`);
      return reply as StoreResult;
    },
    async pushRejected(write) {
      await scripted.bavestPushRejected(write.key, write.entry, String(write.cap));
    },
  };
}
