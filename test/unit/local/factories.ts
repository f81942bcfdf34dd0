import type { StreamRecord } from "../../../src/local/mapping/kinesisEvent.js";

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

export { fakeClock } from "../../helpers/fakeClock.js";
