import { readFile } from "node:fs/promises";
import type { Redis } from "ioredis";
import type { RedisKeys } from "../core/redisKeys.js";
import type { PipelineFacts, SentRecord } from "./accounting.js";

/** What `replay --wait` asks the pipeline, through Redis and the failure destination. */
export interface PipelineProbe {
  /** Which of these per-observation keys exist now. */
  existing(keys: string[]): Promise<Set<string>>;
  /** The facts that account for the records still open. */
  facts(open: SentRecord[]): Promise<PipelineFacts>;
}

export type ProbeRedis = Pick<Redis, "pipeline" | "lrange">;

const CHUNK = 1_000;

/** EXISTS (or the newest history entry) for many keys, pipelined in chunks. */
async function pipelined<T>(
  redis: ProbeRedis,
  items: string[],
  add: (pipeline: ReturnType<Redis["pipeline"]>, item: string) => void,
): Promise<T[]> {
  const replies: T[] = [];
  for (let start = 0; start < items.length; start += CHUNK) {
    const pipeline = redis.pipeline();
    for (const item of items.slice(start, start + CHUNK)) add(pipeline, item);
    for (const [error, reply] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      replies.push(reply as T);
    }
  }
  return replies;
}

/** Sequence numbers of the failed records `dev` wrote to the dead-letter side file. */
export async function deadLetterSequenceNumbers(metaFile: string): Promise<Set<string>> {
  const found = new Set<string>();
  let text: string;
  try {
    text = await readFile(metaFile, "utf8");
  } catch {
    return found;
  }
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const meta = JSON.parse(line) as { records?: { sequenceNumber?: unknown }[] };
      for (const record of meta.records ?? []) {
        if (typeof record.sequenceNumber === "string") found.add(record.sequenceNumber);
      }
    } catch {
      // A line cut by a crash says nothing.
    }
  }
  return found;
}

/** Rejected list entries' sequence numbers; an entry that is not JSON is skipped. */
function rejectedSequenceNumbers(entries: string[]): Set<string> {
  const found = new Set<string>();
  for (const entry of entries) {
    try {
      const sequenceNumber = (JSON.parse(entry) as { sequenceNumber?: unknown }).sequenceNumber;
      if (typeof sequenceNumber === "string") found.add(sequenceNumber);
    } catch {
      // Not one of ours.
    }
  }
  return found;
}

/**
 * The probe over the pipeline's Redis and, locally, the dead-letter side file (a deployed
 * stack's failure destination is not read: its failed records stay "not processed").
 */
export function redisProbe(redis: ProbeRedis, keys: RedisKeys, deadLetterMetaFile?: string): PipelineProbe {
  const existing = async (list: string[]) => {
    const replies = await pipelined<number>(redis, list, (pipeline, key) => pipeline.exists(key));
    return new Set(list.filter((_, i) => replies[i] === 1));
  };
  return {
    existing,
    async facts(open) {
      const symbols = [...new Set(open.map((record) => record.symbol))];
      const [existingKeys, tops, rejected, failed] = await Promise.all([
        existing([...new Set(open.map((record) => record.key))]),
        pipelined<string[]>(redis, symbols, (pipeline, symbol) =>
          pipeline.zrevrange(keys.history(symbol), 0, 0, "WITHSCORES"),
        ),
        redis.lrange(keys.rejected, 0, -1),
        deadLetterMetaFile
          ? deadLetterSequenceNumbers(deadLetterMetaFile)
          : Promise.resolve(new Set<string>()),
      ]);
      const newestMs = new Map<string, number>();
      symbols.forEach((symbol, i) => {
        const score = tops[i]?.[1];
        if (score !== undefined) newestMs.set(symbol, Number(score));
      });
      return { existingKeys, newestMs, rejected: rejectedSequenceNumbers(rejected), failed };
    },
  };
}
