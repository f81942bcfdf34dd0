import { planPutRecordsBatches } from "../kinesis/putRecords.js";
import { batchLimitForRate } from "./pacing.js";
import type { ReplayEntry } from "./validate.js";

/**
 * Splits entries into `count` lanes so that every partition key lives in exactly one lane,
 * each lane keeping file order. Lanes can then be sent side by side without reordering the
 * records of any symbol. Keys are dealt largest first to the lightest lane, to balance them.
 */
export function splitIntoLanes(entries: ReplayEntry[], count: number): ReplayEntry[][] {
  if (count <= 1) return [entries];
  const perKey = new Map<string, number>();
  for (const entry of entries) perKey.set(entry.PartitionKey, (perKey.get(entry.PartitionKey) ?? 0) + 1);
  const sizes = Array<number>(count).fill(0);
  const laneOfKey = new Map<string, number>();
  for (const [key, size] of [...perKey].sort((a, b) => b[1] - a[1])) {
    const lightest = sizes.indexOf(Math.min(...sizes));
    laneOfKey.set(key, lightest);
    sizes[lightest] = (sizes[lightest] ?? 0) + size;
  }
  const lanes: ReplayEntry[][] = Array.from({ length: count }, () => []);
  for (const entry of entries) lanes[laneOfKey.get(entry.PartitionKey) ?? 0]?.push(entry);
  return lanes.filter((lane) => lane.length > 0);
}

/** Batches of several lanes taken in turn: A1, B1, A2, B2, ... (a lane that runs out drops out). */
export function interleave<T>(lanes: T[][]): T[] {
  const result: T[] = [];
  const longest = Math.max(0, ...lanes.map((lane) => lane.length));
  for (let i = 0; i < longest; i++) {
    for (const lane of lanes) {
      const item = lane[i];
      if (item !== undefined) result.push(item);
    }
  }
  return result;
}

/**
 * PutRecords batches (500 records, 5 MiB), smaller under `--rate` so pacing stays smooth.
 * With `lanes` > 1 the records are first split into lanes with no partition key in common,
 * and their batches interleaved, so that batches in flight together never share a key.
 */
export function planBatches(entries: ReplayEntry[], rate: number | undefined, lanes = 1): ReplayEntry[][] {
  const limit = batchLimitForRate(rate);
  const planLane = (lane: ReplayEntry[]) => {
    const batches = planPutRecordsBatches(lane);
    if (limit >= 500) return batches;
    return batches.flatMap((batch) => {
      const pieces: ReplayEntry[][] = [];
      for (let start = 0; start < batch.length; start += limit)
        pieces.push(batch.slice(start, start + limit));
      return pieces;
    });
  };
  const single = planLane(entries);
  // Lanes only pay off when there is more than one batch to overlap.
  if (lanes <= 1 || single.length <= 1) return single;
  return interleave(splitIntoLanes(entries, lanes).map(planLane));
}
