import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKinesisClient } from "../../src/kinesis/kinesisClient.js";
import { createKinesisBatchSender } from "../../src/replay/kinesisSender.js";
import { runReplay } from "../../src/replay/run.js";
import { replayStoppedError } from "../../src/replay/summary.js";
import { resolveReplayTarget } from "../../src/targets/streamTarget.js";
import { runInProcess } from "../helpers/inProcess.js";
import { type KinesisServerHandle, startKinesalite } from "../helpers/kinesis.js";
import { createStream, pointLocalPipelineAt, readStream } from "../helpers/localStream.js";
import { memoryOutput } from "../helpers/memoryStreams.js";
import { freePort } from "../helpers/ports.js";

const STREAM = "bavest-quotes";
const SYMBOLS = ["AAPL", "MSFT", "SAP", "BMW.DE"];
let kinesis: KinesisServerHandle;
let client: KinesisClient;
let home: string;

function quoteLines(count: number): string {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      symbol: SYMBOLS[i % SYMBOLS.length],
      fetchedAt: "2026-11-20T15:00:02.120Z",
      quote: { c: 100, t: 1763650800 + i },
    }),
  ).join("\n");
}

const pipelineAt = (endpoint: string, streamName = STREAM) =>
  pointLocalPipelineAt(home, endpoint, streamName);

beforeAll(async () => {
  kinesis = await startKinesalite();
  home = await mkdtemp(join(tmpdir(), "bavest-replay-"));
  client = createKinesisClient({ endpoint: kinesis.endpoint, env: {} });
  await createStream(client, STREAM, 2);
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
    const stored = (await readStream(client, STREAM)) as { symbol: string; quote: { t: number } }[];
    expect(stored).toHaveLength(1203);
    for (const symbol of SYMBOLS) {
      const times = stored.filter((r) => r.symbol === symbol).map((r) => r.quote.t);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it("returns the sequence number Kinesis gave each entry (replay --wait finds rejects by them)", async () => {
    const sender = await createKinesisBatchSender(
      { streamName: STREAM, region: "us-east-1", endpoint: kinesis.endpoint, description: "test" },
      { env: {} },
    );
    try {
      const batch = [0, 1, 2].map((index) => ({
        index,
        label: `line ${index + 1}`,
        PartitionKey: SYMBOLS[index] as string,
        Data: Buffer.from(JSON.stringify({ symbol: SYMBOLS[index], quote: { c: 1, t: 1 } })),
      }));
      const outcome = await sender.send(batch);
      expect(outcome.acknowledged).toEqual([true, true, true]);
      expect(outcome.sequenceNumbers).toHaveLength(3);
      expect(new Set(outcome.sequenceNumbers).size).toBe(3);
      for (const sequenceNumber of outcome.sequenceNumbers ?? []) expect(sequenceNumber).toMatch(/^\d{20,}$/);
    } finally {
      sender.close();
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
    expect(run.stderr).toContain(`resume with: bavest-signals replay --local --json ${file} --from 0`);
  }, 60_000);

  it("stops when Kinesis goes away mid-replay and names exactly the acknowledged records", async () => {
    const own = await startKinesalite();
    const ownClient = createKinesisClient({ endpoint: own.endpoint, env: {} });
    await createStream(ownClient, "outage");
    ownClient.destroy();
    await pipelineAt(own.endpoint, "outage");
    const file = join(home, "outage.jsonl");
    await writeFile(file, quoteLines(1500));
    let batchesDone = 0;
    const result = await runReplay(
      { source: file, dryRun: false, skipInvalid: false, from: 0, maxInFlight: 1 },
      {
        output: memoryOutput().output,
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
