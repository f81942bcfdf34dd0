import { join } from "node:path";
import { PassThrough } from "node:stream";
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
  waitUntilStreamExists,
} from "@aws-sdk/client-kinesis";
import { main } from "../../../src/cli.js";
import { writeLocalPipelineRecord } from "../../../src/local/state.js";

/** Runs the CLI in this process (much faster than a child); env replaces nothing but what it names. */
export async function runInProcess(args: string[], env: NodeJS.ProcessEnv, stdin?: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += chunk));
  stderr.on("data", (chunk) => (err += chunk));
  const input = stdin === undefined ? {} : { stdin: PassThrough.from([stdin]) };
  const code = await main(args, { stdout, stderr, env: { ...process.env, NO_COLOR: "1", ...env }, ...input });
  return { code, stdout: out, stderr: err };
}

/**
 * Makes `--local` commands in `home` talk to `endpoint`, as if `dev` ran there: the record names
 * this test process, which is alive, as the pipeline.
 */
export async function pointLocalPipelineAt(
  home: string,
  endpoint: string,
  streamName: string,
): Promise<void> {
  await writeLocalPipelineRecord(
    {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      kinesis_stream_name: streamName,
      kinesis_endpoint: endpoint,
      region: "us-east-1",
      redis_primary_endpoint: "127.0.0.1:1",
      redis_url: "redis://127.0.0.1:1",
      bavest_api_url: "http://127.0.0.1:1/v0",
      redis_prefix: "bavest",
      runDir: home,
      deadLetterFile: join(home, "dead-letter.jsonl"),
    },
    { BAVEST_SIGNALS_HOME: home },
  );
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
