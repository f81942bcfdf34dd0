import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { createKinesisClient } from "../../src/core/kinesisClient.js";
import { createOutput } from "../../src/lib/output.js";
import { writeLocalPipelineRecord } from "../../src/local/state.js";
import { createKinesisBatchSender } from "../../src/replay/kinesisSender.js";
import { runReplay } from "../../src/replay/run.js";
import { replayStoppedError } from "../../src/replay/summary.js";
import { resolveReplayTarget } from "../../src/replay/target.js";
import { type KinesisServerHandle, startKinesalite } from "../helpers/kinesis.js";
import { freePort } from "../helpers/ports.js";

const STREAM = "bavest-quotes";
const SYMBOLS = ["AAPL", "MSFT", "SAP", "BMW.DE"];
let kinesis: KinesisServerHandle;
let client: KinesisClient;
let home: string;

async function runInProcess(args: string[], env: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += chunk));
  stderr.on("data", (chunk) => (err += chunk));
  const code = await main(args, { stdout, stderr, env: { ...process.env, NO_COLOR: "1", ...env } });
  return { code, stdout: out, stderr: err };
}

function quoteLines(count: number): string {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      symbol: SYMBOLS[i % SYMBOLS.length],
      fetchedAt: "2026-11-20T15:00:02.120Z",
      quote: { c: 100, t: 1763650800 + i },
    }),
  ).join("\n");
}

async function pipelineAt(endpoint: string, streamName = STREAM) {
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
      deadLetterFile: join(home, "dead.jsonl"),
    },
    { BAVEST_SIGNALS_HOME: home },
  );
}

/** Every record on the stream, shard by shard, decoded. */
async function readStream(): Promise<{ symbol: string; quote: { t: number } }[]> {
  const { ListShardsCommand, GetShardIteratorCommand, GetRecordsCommand } = await import(
    "@aws-sdk/client-kinesis"
  );
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: STREAM }));
  const all: { symbol: string; quote: { t: number } }[] = [];
  for (const shard of Shards) {
    let { ShardIterator } = await client.send(
      new GetShardIteratorCommand({
        StreamName: STREAM,
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

beforeAll(async () => {
  kinesis = await startKinesalite();
  home = await mkdtemp(join(tmpdir(), "bavest-replay-"));
  client = createKinesisClient({ endpoint: kinesis.endpoint, env: {} });
  const { CreateStreamCommand, waitUntilStreamExists } = await import("@aws-sdk/client-kinesis");
  await client.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 2 }));
  await waitUntilStreamExists({ client, maxWaitTime: 20, minDelay: 1, maxDelay: 2 }, { StreamName: STREAM });
});

afterAll(async () => {
  client?.destroy();
  await kinesis?.stop();
  await rm(home, { recursive: true, force: true });
});

describe("replay --local against kinesalite", () => {
  it("sends every record, each symbol in file order, and prints the JSON summary", async () => {
    await pipelineAt(kinesis.endpoint);
    const file = join(home, "quotes.jsonl");
    await writeFile(file, quoteLines(1203));
    const run = await runInProcess(["replay", "--local", "--json", file], { BAVEST_SIGNALS_HOME: home });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    // Two lanes of two symbols each (602 and 601 records) make two batches apiece.
    expect(summary).toMatchObject({ records: 1203, sent: 1203, failed: 0, skipped: 0, batches: 4 });
    const stored = await readStream();
    expect(stored).toHaveLength(1203);
    for (const symbol of SYMBOLS) {
      const times = stored.filter((r) => r.symbol === symbol).map((r) => r.quote.t);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it("reports nothing sent and how to resume when Kinesis is unreachable", async () => {
    await pipelineAt(`http://127.0.0.1:${await freePort()}`);
    const file = join(home, "few.jsonl");
    await writeFile(file, quoteLines(3));
    const run = await runInProcess(["replay", "--local", "--json", file], { BAVEST_SIGNALS_HOME: home });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ records: 3, sent: 0, failed: 3 });
    expect(run.stderr).toContain("Acknowledged: none.");
    expect(run.stderr).toContain(`resume with: bavest-signals replay --local ${file} --from 0`);
  }, 60_000);

  it("stops when Kinesis goes away mid-replay and names exactly the acknowledged records", async () => {
    const own = await startKinesalite();
    const ownClient = createKinesisClient({ endpoint: own.endpoint, env: {} });
    const { CreateStreamCommand, waitUntilStreamExists } = await import("@aws-sdk/client-kinesis");
    await ownClient.send(new CreateStreamCommand({ StreamName: "outage", ShardCount: 1 }));
    await waitUntilStreamExists(
      { client: ownClient, maxWaitTime: 20, minDelay: 1, maxDelay: 2 },
      { StreamName: "outage" },
    );
    ownClient.destroy();
    await pipelineAt(own.endpoint, "outage");
    const file = join(home, "outage.jsonl");
    await writeFile(file, quoteLines(1500));
    let batchesDone = 0;
    const result = await runReplay(
      { source: file, dryRun: false, skipInvalid: false, from: 0, maxInFlight: 1 },
      {
        output: createOutput({ stdout: new PassThrough(), stderr: new PassThrough(), env: {} }),
        resolveTarget: () =>
          resolveReplayTarget({ local: true, stack: "dev", env: { BAVEST_SIGNALS_HOME: home } }),
        createSender: async (target) => {
          const real = await createKinesisBatchSender(target, {
            env: {},
            maxAttempts: 3,
            sleep: async () => {},
          });
          return {
            close: real.close,
            send: async (batch) => {
              const outcome = await real.send(batch);
              // The server disappears once the first batch is acknowledged.
              if (++batchesDone === 1) await own.stop();
              return outcome;
            },
          };
        },
      },
    );
    expect(result.summary).toMatchObject({ records: 1500, sent: 500, failed: 1000, batches: 2 });
    const error = replayStoppedError(
      result,
      (from) => `bavest-signals replay --local ${file} --from ${from}`,
    );
    expect(error.message).toContain("Acknowledged (500): index 0-499.");
    expect(error.hint).toContain(`--from 500`);
  }, 60_000);
});
