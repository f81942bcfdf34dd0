import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKPOINTS_FILE_NAME } from "../../src/local/mapping/checkpoints.js";
import type { StreamRecord } from "../../src/local/mapping/kinesisEvent.js";
import { createPipelineStats } from "../../src/local/pipeline/pipelineStats.js";
import { startStatsWriter } from "../../src/local/pipeline/statsWriter.js";
import { type LocalKinesis, startLocalKinesis } from "../../src/local/servers/kinesisServer.js";
import { gatherLocalFacts } from "../../src/status/localSource.js";
import { localPipelineRecord } from "../helpers/localStream.js";

// Issue T.5: "in" (records done with, from dev's counters) plus the backlog (records after
// the checkpoints file) counted a batch twice, or not at all, when the counters file and the
// checkpoints file were written a batch apart. Both now come from the same moment.
const SENT = 10;
let kinesis: LocalKinesis;
let records: StreamRecord[];

beforeAll(async () => {
  kinesis = await startLocalKinesis({ streamName: "counts", shards: 1 });
  await kinesis.client.send(
    new PutRecordsCommand({
      StreamName: "counts",
      Records: Array.from({ length: SENT }, (_, i) => ({
        PartitionKey: "AAPL",
        Data: Buffer.from(`{"n":${i}}`),
      })),
    }),
  );
  const shardId = kinesis.shardIds[0] as string;
  const { ShardIterator } = await kinesis.client.send(
    new GetShardIteratorCommand({
      StreamName: "counts",
      ShardId: shardId,
      ShardIteratorType: "TRIM_HORIZON",
    }),
  );
  const page = await kinesis.client.send(new GetRecordsCommand({ ShardIterator }));
  records = (page.Records ?? []).map(
    (record) =>
      ({
        shardId,
        sequenceNumber: record.SequenceNumber ?? "",
        approximateArrivalTimestamp: record.ApproximateArrivalTimestamp ?? new Date(),
        data: record.Data ?? new Uint8Array(),
        partitionKey: record.PartitionKey ?? "",
      }) as StreamRecord,
  );
  expect(records).toHaveLength(SENT);
});

afterAll(() => kinesis?.stop());

/** dev's files after `counted` records were done with, the checkpoints file at `checkpointed`. */
async function devFilesAt(counted: number, checkpointed: number) {
  const home = await mkdtemp(join(tmpdir(), "bavest-counts-"));
  const shardId = kinesis.shardIds[0] as string;
  const stats = createPipelineStats({ shards: 1, ingestEveryMs: null });
  const positions: Record<string, string> = {};
  if (counted > 0) {
    stats.listener.onDelivered?.(shardId, records.slice(0, counted));
    positions[shardId] = records[counted - 1]?.sequenceNumber as string;
  }
  const statsFile = join(home, "stats.json");
  await startStatsWriter(stats, statsFile, { alongside: () => ({ positions }) }).stop();
  const checkpointsFile = join(home, CHECKPOINTS_FILE_NAME);
  const checkpoint = records[checkpointed - 1]?.sequenceNumber;
  await writeFile(
    checkpointsFile,
    JSON.stringify({
      streamName: "counts",
      shards: checkpoint ? { [shardId]: checkpoint } : {},
      updatedAt: "",
    }),
  );
  return localPipelineRecord(home, {
    kinesis_endpoint: kinesis.endpoint,
    kinesis_stream_name: "counts",
    statsFile,
    checkpointsFile,
  });
}

describe("status --local counts each record sent once", () => {
  for (const [counted, checkpointed, when] of [
    [6, 3, "the checkpoints file is a batch behind the counters"],
    [3, 6, "the counters file is a batch behind the checkpoints"],
    [10, 10, "both are up to date"],
    [0, 0, "nothing is done with yet"],
  ] as const) {
    it(`"in" and the backlog add up to what was sent when ${when}`, async () => {
      const record = await devFilesAt(counted, checkpointed);
      const facts = await gatherLocalFacts({}, { readRecord: async () => record, redisTimeoutMs: 200 });
      expect(facts.stream.windows["5m"].in).toBe(SENT);
      expect(facts.stream.windows["60m"].in).toBe(SENT);
      expect(facts.stream.windows["5m"].out).toBe(counted);
      expect(facts.stream.backlog).toBe(SENT - counted);
    });
  }
});
