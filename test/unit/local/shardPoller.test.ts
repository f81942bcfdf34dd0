import { describe, expect, it } from "vitest";
import type { StreamRecord } from "../../../src/local/mapping/kinesisEvent.js";
import { pollShard } from "../../../src/local/mapping/shardPoller.js";
import type { ShardReader } from "../../../src/local/mapping/shardReader.js";
import { fakeClock, streamRecord } from "./factories.js";

/** A shard holding `records`, served in pages of at most `pageSize`; the test stops polling after many empty reads. */
function shardOf(records: StreamRecord[], pageSize: number, onDrained: () => void): ShardReader {
  let emptyReads = 0;
  return {
    trimHorizonIterator: async () => "0",
    getRecords: async (_shard, iterator, limit) => {
      const start = Number(iterator);
      const page = records.slice(start, start + Math.min(limit, pageSize));
      if (page.length === 0 && ++emptyReads > 50) onDrained();
      return { records: page, nextIterator: String(start + page.length), millisBehindLatest: 0 };
    },
  };
}

async function pollAll(records: StreamRecord[], pageSize: number, batchSize: number, windowMs: number) {
  const controller = new AbortController();
  const delivered: string[][] = [];
  const clock = fakeClock();
  await pollShard(
    "shardId-000000000000",
    { batchSize, batchingWindowMs: windowMs, idlePollMs: 100 },
    {
      reader: shardOf(records, pageSize, () => controller.abort()),
      clock,
      deliver: async (batch) => {
        delivered.push(batch.map((record) => record.sequenceNumber));
      },
    },
    controller.signal,
  );
  return { delivered, clock };
}

describe("pollShard", () => {
  it("delivers full batches of batchSize, in order, before reading on", async () => {
    const records = Array.from({ length: 250 }, (_, n) => streamRecord(n));
    const { delivered } = await pollAll(records, 1000, 100, 1000);
    expect(delivered.map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(delivered.flat()).toEqual(records.map((record) => record.sequenceNumber));
  });

  it("gathers small pages until the batching window has passed", async () => {
    const records = Array.from({ length: 6 }, (_, n) => streamRecord(n));
    const { delivered } = await pollAll(records, 2, 100, 1000);
    expect(delivered).toEqual([records.map((record) => record.sequenceNumber)]);
  });

  it("with a zero batching window delivers each page as it arrives", async () => {
    const records = Array.from({ length: 6 }, (_, n) => streamRecord(n));
    const { delivered } = await pollAll(records, 2, 100, 0);
    expect(delivered.map((batch) => batch.length)).toEqual([2, 2, 2]);
  });
});
