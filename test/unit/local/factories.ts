import type { Clock } from "../../../src/local/clock.js";
import type { StreamRecord } from "../../../src/local/kinesisEvent.js";

/** A record of shard 0 with sequence number `seq` and a JSON body. */
export function streamRecord(
  seq: number,
  body: unknown = { n: seq },
  shardId = "shardId-000000000000",
): StreamRecord {
  return {
    shardId,
    sequenceNumber: String(1000 + seq),
    partitionKey: `P${seq}`,
    data: Buffer.from(JSON.stringify(body)),
    approximateArrivalTimestamp: new Date(1_700_000_000_000 + seq),
  };
}

/** A clock whose sleeps pass instantly and move virtual time forward; records every sleep. */
export function fakeClock(start = 0): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
      await Promise.resolve();
    },
  };
}
