import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  type KinesisClient,
  PutRecordsCommand,
} from "@aws-sdk/client-kinesis";
import { encodeEnvelope } from "../src/core/envelope.js";
import { createKinesisClient } from "../src/kinesis/kinesisClient.js";
import { createOutput } from "../src/lib/output.js";
import { createKinesisBatchSender } from "../src/replay/kinesisSender.js";
import { runReplay } from "../src/replay/run.js";
import { startKinesaliteProcess } from "./kinesaliteProcess.js";
import { benchEnvelope } from "./records.js";
import { type BenchRow, compared, medianRate, timeInterleaved } from "./stats.js";

const RECORDS = 20_000;
const RAW_BATCH = 500;
const REGION = "us-east-1";

async function createActiveStream(client: KinesisClient, name: string): Promise<void> {
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
  for (;;) {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamName: name }));
    if (StreamDescription?.StreamStatus === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The baseline: 500-record PutRecords calls one after the other, entries encoded beforehand. */
async function rawPutRecords(client: KinesisClient, stream: string, entries: PutEntries): Promise<void> {
  for (let start = 0; start < entries.length; start += RAW_BATCH) {
    const Records = entries.slice(start, start + RAW_BATCH);
    const answer = await client.send(new PutRecordsCommand({ StreamName: stream, Records }));
    if (answer.FailedRecordCount)
      throw new Error(`raw PutRecords: ${answer.FailedRecordCount} records failed`);
  }
}

type PutEntries = { Data: Uint8Array; PartitionKey: string }[];

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** The product path: `replay` reads, validates and sends the file with its own sender. */
async function replayFile(file: string, endpoint: string, stream: string): Promise<void> {
  const { summary } = await runReplay(
    { source: file, dryRun: false, skipInvalid: false, from: 0 },
    {
      output: createOutput({ stdout: discard(), stderr: discard(), env: {} }),
      resolveTarget: async () => ({ streamName: stream, region: REGION, endpoint, description: "bench" }),
      createSender: (target) => createKinesisBatchSender(target, { env: process.env }),
    },
  );
  if (summary.sent !== RECORDS) throw new Error(`replay sent ${summary.sent} of ${RECORDS} records`);
}

/**
 * Replay throughput of a 20,000-record JSON Lines file into kinesalite against a raw loop of
 * 500-record PutRecords calls with the same client settings; a fresh stream for every run.
 */
export async function benchReplay(options: { quick: boolean }): Promise<BenchRow[]> {
  const repetitions = options.quick ? 3 : 5;
  const dir = await mkdtemp(join(tmpdir(), "bavest-bench-replay-"));
  const server = await startKinesaliteProcess();
  const client = createKinesisClient({ region: REGION, endpoint: server.endpoint, env: process.env });
  try {
    const envelopes = Array.from({ length: RECORDS }, (_, n) => benchEnvelope(n));
    const file = join(dir, "quotes.jsonl");
    await writeFile(file, `${envelopes.map((envelope) => JSON.stringify(envelope)).join("\n")}\n`);
    const entries = envelopes.map((envelope) => ({
      Data: encodeEnvelope(envelope),
      PartitionKey: envelope.symbol,
    }));
    let run = 0;
    // Stream setup and teardown stay outside the timed part.
    const withFreshStream = async (send: (stream: string) => Promise<void>) => {
      const stream = `bench-${run++}`;
      await createActiveStream(client, stream);
      const start = performance.now();
      await send(stream);
      const elapsed = performance.now() - start;
      await client.send(new DeleteStreamCommand({ StreamName: stream }));
      return elapsed;
    };
    const times = { replay: [] as number[], raw: [] as number[] };
    await timeInterleaved(
      {
        replay: async () => {
          times.replay.push(await withFreshStream((stream) => replayFile(file, server.endpoint, stream)));
        },
        raw: async () => {
          times.raw.push(await withFreshStream((stream) => rawPutRecords(client, stream, entries)));
        },
      },
      repetitions,
      0,
    );
    const raw = medianRate(RECORDS, times.raw);
    const replay = medianRate(RECORDS, times.replay);
    return [
      { bench: "replay", metric: "raw loop of 500-record PutRecords", value: raw, unit: "rec/s" },
      compared(
        {
          bench: "replay",
          metric: "replay of a 20,000-record file",
          value: replay,
          unit: "rec/s",
          target: ">= 0.8x raw",
          note: "kinesalite in its own process, one shard, a fresh stream per run; replay time includes reading and validating the file",
        },
        { name: "raw PutRecords loop", value: raw },
        (ratio) => ratio >= 0.8,
      ),
    ];
  } finally {
    client.destroy();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
