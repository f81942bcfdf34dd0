import { readFile } from "node:fs/promises";
import type { Redis } from "ioredis";
import { type RecordOutcome, WRITTEN_OUTCOMES } from "../core/outcomes.js";
import type { RedisKeys } from "../core/redisKeys.js";

/** What `replay --wait` asks the pipeline, through Redis and the failure destination. */
export interface PipelineProbe {
  /** Where the outcomes stream ends now: what is recorded after it is the replay's. */
  mark(): Promise<string>;
  /**
   * The outcomes recorded after `cursor` (oldest first, so a record's first outcome comes first),
   * the cursor to read on from, and the failure destination's sequence numbers.
   */
  facts(cursor: string): Promise<ProbeFacts>;
}

export interface ProbeFacts {
  outcomes: Array<[sequenceNumber: string, outcome: Exclude<RecordOutcome, "failed">]>;
  cursor: string;
  failed: Set<string>;
}

export type ProbeRedis = Pick<Redis, "xread" | "xrevrange">;

/** Entries per XREAD: one entry is one script call (up to 1,000 records). */
const ENTRIES_PER_READ = 50;

/** Every outcome entry after `cursor`, read in pages; an unknown outcome is skipped. */
async function outcomesAfter(
  redis: ProbeRedis,
  key: string,
  cursor: string,
): Promise<Omit<ProbeFacts, "failed">> {
  const outcomes: ProbeFacts["outcomes"] = [];
  let last = cursor;
  for (;;) {
    const reply = (await redis.xread("COUNT", ENTRIES_PER_READ, "STREAMS", key, last)) as Array<
      [string, Array<[string, string[]]>]
    > | null;
    const entries = reply?.[0]?.[1] ?? [];
    for (const [id, fields] of entries) {
      last = id;
      for (let i = 0; i + 1 < fields.length; i += 2) {
        const outcome = fields[i + 1] as string;
        if (WRITTEN_OUTCOMES.has(outcome))
          outcomes.push([fields[i] as string, outcome as Exclude<RecordOutcome, "failed">]);
      }
    }
    if (entries.length < ENTRIES_PER_READ) return { outcomes, cursor: last };
  }
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

/**
 * The probe over the pipeline's Redis (the outcomes stream the store script appends to) and,
 * locally, the dead-letter side file (a deployed stack's failure destination is not read: its
 * failed records stay "not processed").
 */
export function redisProbe(redis: ProbeRedis, keys: RedisKeys, deadLetterMetaFile?: string): PipelineProbe {
  return {
    async mark() {
      const newest = await redis.xrevrange(keys.outcomes, "+", "-", "COUNT", 1);
      return newest[0]?.[0] ?? "0-0";
    },
    async facts(cursor) {
      const [read, failed] = await Promise.all([
        outcomesAfter(redis, keys.outcomes, cursor),
        deadLetterMetaFile
          ? deadLetterSequenceNumbers(deadLetterMetaFile)
          : Promise.resolve(new Set<string>()),
      ]);
      return { ...read, failed };
    },
  };
}
