import { GetRecordsCommand, GetShardIteratorCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalKinesis, startLocalKinesis } from "../../src/local/servers/kinesisServer.js";

// Issue T.1 without a filesystem to fill (the tmpfs test in test/reliability needs mount
// rights): a store that refuses a write answers the PutRecords with a 500 and stores nothing.
let kinesis: LocalKinesis;
let refuse: string | null = null;
const outcomes: Array<string | null> = [];

beforeAll(async () => {
  kinesis = await startLocalKinesis({
    streamName: "refusing",
    shards: 1,
    refuseWrites: () => refuse,
    onStoreWrite: (error) => outcomes.push(error ? error.message : null),
  });
});

afterAll(() => kinesis?.stop());

const put = (n: number) =>
  kinesis.client.send(
    new PutRecordsCommand({
      StreamName: "refusing",
      Records: Array.from({ length: n }, (_, i) => ({
        PartitionKey: `K${i}`,
        Data: Buffer.from(`{"i":${i}}`),
      })),
    }),
  );

async function storedCount(): Promise<number> {
  const { ShardIterator } = await kinesis.client.send(
    new GetShardIteratorCommand({
      StreamName: "refusing",
      ShardId: kinesis.shardIds[0] as string,
      ShardIteratorType: "TRIM_HORIZON",
    }),
  );
  const page = await kinesis.client.send(new GetRecordsCommand({ ShardIterator }));
  return page.Records?.length ?? 0;
}

describe("the local stream's store when it cannot write", () => {
  it("answers InternalFailure, stores none of the batch, stays up and stores again once it can", async () => {
    await put(2);
    refuse = "No space left on device: 0 bytes free";
    await expect(put(3)).rejects.toMatchObject({
      name: "InternalFailure",
      message: expect.stringContaining("No space left on device"),
    });
    expect(outcomes).toContain("No space left on device: 0 bytes free");
    refuse = null;
    await put(4);
    expect(await storedCount()).toBe(6);
    expect(outcomes.at(-1)).toBeNull();
  });
});
