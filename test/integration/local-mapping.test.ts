import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { afterEach, describe, expect, it } from "vitest";
import { appendDeadLetters, deadLetterMetaFile } from "../../src/local/mapping/deadLetter.js";
import {
  type EventSourceMapping,
  startEventSourceMapping,
} from "../../src/local/mapping/eventSourceMapping.js";
import type { KinesisStreamEvent, ProcessingHandler } from "../../src/local/mapping/kinesisEvent.js";
import { kinesisShardReader } from "../../src/local/mapping/shardReader.js";
import { type LocalKinesis, startLocalKinesis } from "../../src/local/servers/kinesisServer.js";
import { lambdaKinesisEventProblems } from "../helpers/lambdaKinesisEvent.js";

let kinesis: LocalKinesis | undefined;
let mapping: EventSourceMapping | undefined;

afterEach(async () => {
  await mapping?.stop();
  await kinesis?.stop();
  mapping = undefined;
  kinesis = undefined;
});

function bodyOf(record: KinesisStreamEvent["Records"][number]): { key: string; n: number } {
  return JSON.parse(Buffer.from(record.kinesis.data, "base64").toString("utf8"));
}

async function putNumbered(stream: LocalKinesis, keys: string[], perKey: number): Promise<number> {
  const entries = keys.flatMap((key) =>
    Array.from({ length: perKey }, (_, n) => ({
      PartitionKey: key,
      Data: Buffer.from(JSON.stringify({ key, n })),
    })),
  );
  await stream.client.send(new PutRecordsCommand({ StreamName: stream.streamName, Records: entries }));
  return entries.length;
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function run(handler: ProcessingHandler, deadLetterFile: string, shards = 2) {
  kinesis = await startLocalKinesis({ streamName: "mapping-test", shards });
  mapping = startEventSourceMapping({
    identity: { region: "us-east-1", streamName: "mapping-test" },
    shardIds: kinesis.shardIds,
    batching: { batchSize: 10, batchingWindowMs: 50, idlePollMs: 20 },
    retry: { maxRetries: 2, bisectOnError: true, backoffMs: () => 5 },
    handler,
    reader: await kinesisShardReader(kinesis.client, "mapping-test"),
    deadLetter: (records, reason, attempts) =>
      appendDeadLetters(deadLetterFile, { shardId: records[0]?.shardId ?? "", records, reason, attempts }),
  });
  return { kinesis, mapping };
}

describe("the Kinesis trigger emulation against a local Kinesis server", () => {
  it("delivers every record in order per partition key and retries from the failed one", async () => {
    const seen: Array<{ key: string; n: number }> = [];
    let failedOnce = false;
    const handler: ProcessingHandler = async (event) => {
      const failures = [];
      for (const record of event.Records) {
        const body = bodyOf(record);
        if (body.key === "K1" && body.n === 3 && !failedOnce) {
          failedOnce = true;
          failures.push({ itemIdentifier: record.kinesis.sequenceNumber });
          break;
        }
        seen.push(body);
      }
      return { batchItemFailures: failures };
    };
    const { kinesis, mapping } = await run(handler, join(await mkdtemp(join(tmpdir(), "esm-")), "dl.jsonl"));
    const sent = await putNumbered(kinesis, ["K1", "K2", "K3", "K4"], 8);
    await until(() => mapping.stats().completed >= sent);
    for (const key of ["K1", "K2", "K3", "K4"]) {
      const ns = seen.filter((body) => body.key === key).map((body) => body.n);
      expect(ns.filter((n, index) => ns.indexOf(n) === index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
    expect(failedOnce).toBe(true);
    expect(mapping.stats().deadLettered).toBe(0);
  });

  it("dead-letters a record the handler always throws on, replayably, and processes the ones after it", async () => {
    const processed: number[] = [];
    const handler: ProcessingHandler = async (event) => {
      if (event.Records.some((record) => bodyOf(record).n === 2)) throw new Error("cannot handle n=2");
      processed.push(...event.Records.map((record) => bodyOf(record).n));
      return { batchItemFailures: [] };
    };
    const deadLetterFile = join(await mkdtemp(join(tmpdir(), "esm-")), "dl.jsonl");
    const { kinesis, mapping } = await run(handler, deadLetterFile, 1);
    const sent = await putNumbered(kinesis, ["K1"], 6);
    await until(() => mapping.stats().completed >= sent);
    expect(processed.sort()).toEqual([0, 1, 3, 4, 5]);
    const meta = JSON.parse(await readFile(deadLetterMetaFile(deadLetterFile), "utf8"));
    expect(meta).toMatchObject({
      reason: "Error: cannot handle n=2",
      attempts: 3,
      shardId: kinesis.shardIds[0],
    });
    // Not an envelope, so it is kept whole in the metadata rather than in the replayable file.
    expect(existsSync(deadLetterFile)).toBe(false);
    expect(meta.notReplayable).toHaveLength(1);
    expect(Buffer.from(meta.notReplayable[0].dataBase64, "base64").toString()).toBe('{"key":"K1","n":2}');
  });
  it("hands the function events Powertools' Kinesis schema accepts, each record as GetRecords has it", async () => {
    const events: KinesisStreamEvent[] = [];
    const handler: ProcessingHandler = async (event) => {
      events.push(event);
      return { batchItemFailures: [] };
    };
    const dir = await mkdtemp(join(tmpdir(), "bavest-mapping-"));
    const { kinesis: stream } = await run(handler, join(dir, "dead-letter.jsonl"));
    const sent = await putNumbered(stream, ["AAPL", "MSFT", "BMW.DE"], 8);
    await until(() => events.reduce((n, event) => n + event.Records.length, 0) >= sent);

    for (const event of events) expect(lambdaKinesisEventProblems(event)).toEqual([]);
    // Field for field what a Kinesis client reads from the shards.
    const delivered = new Map(events.flatMap((event) => event.Records).map((r) => [r.eventID, r]));
    let compared = 0;
    for (const shardId of stream.shardIds) {
      const { ShardIterator } = await stream.client.send(
        new GetShardIteratorCommand({
          StreamName: "mapping-test",
          ShardId: shardId,
          ShardIteratorType: "TRIM_HORIZON",
        }),
      );
      const { Records = [] } = await stream.client.send(new GetRecordsCommand({ ShardIterator }));
      for (const record of Records) {
        const event = delivered.get(`${shardId}:${record.SequenceNumber}`);
        expect(event?.kinesis).toMatchObject({
          partitionKey: record.PartitionKey,
          data: Buffer.from(record.Data ?? []).toString("base64"),
          approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp?.getTime() ?? 0) / 1000,
        });
        expect(event?.eventSourceARN).toBe("arn:aws:kinesis:us-east-1:000000000000:stream/mapping-test");
        compared++;
      }
    }
    expect(compared).toBe(sent);
  });
});
