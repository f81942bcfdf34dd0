import { join } from "node:path";
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
  waitUntilStreamExists,
} from "@aws-sdk/client-kinesis";
import { type LocalPipelineRecord, writeLocalPipelineRecord } from "../../src/local/state.js";

/**
 * Makes `--local` commands in `home` talk to `endpoint`, as if `dev` ran there: the record names
 * this test process, which is alive, as the pipeline.
 */
export async function pointLocalPipelineAt(
  home: string,
  endpoint: string,
  streamName: string,
): Promise<void> {
  const record = localPipelineRecord(home, { kinesis_endpoint: endpoint, kinesis_stream_name: streamName });
  await writeLocalPipelineRecord(record, { BAVEST_SIGNALS_HOME: home });
}

/**
 * A pipeline record naming this test process, which is alive, as the pipeline; every server
 * it names is a closed port on 127.0.0.1 unless `overrides` says otherwise.
 */
export function localPipelineRecord(
  home: string,
  overrides: Partial<LocalPipelineRecord> = {},
): LocalPipelineRecord {
  return {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    kinesis_stream_name: "bavest-signals-local",
    kinesis_endpoint: "http://127.0.0.1:1",
    region: "us-east-1",
    redis_primary_endpoint: "127.0.0.1:1",
    redis_url: "redis://127.0.0.1:1",
    bavest_api_url: "http://127.0.0.1:1/v0",
    redis_prefix: "bavest",
    runDir: home,
    deadLetterFile: join(home, "dead-letter.jsonl"),
    ...overrides,
  };
}

export async function createStream(client: KinesisClient, name: string, shards = 1): Promise<void> {
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  await waitUntilStreamExists({ client, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { StreamName: name });
}

/** Every record on the stream, decoded as JSON, shard by shard in stream order. */
export async function readStream(client: KinesisClient, name: string): Promise<unknown[]> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: name }));
  const all: unknown[] = [];
  for (const shard of Shards) {
    let { ShardIterator } = await client.send(
      new GetShardIteratorCommand({
        StreamName: name,
        ShardId: shard.ShardId,
        ShardIteratorType: "TRIM_HORIZON",
      }),
    );
    for (;;) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator, Limit: 10_000 }));
      for (const record of page.Records ?? [])
        all.push(JSON.parse(Buffer.from(record.Data ?? []).toString()));
      if ((page.Records ?? []).length === 0) break;
      ShardIterator = page.NextShardIterator;
    }
  }
  return all;
}
