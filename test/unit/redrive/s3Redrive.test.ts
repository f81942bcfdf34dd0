import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  PutRecordsCommand,
} from "@aws-sdk/client-kinesis";
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { openStackRedrive } from "../../../src/redrive/open.js";
import { type RedriveDeps, runRedrive } from "../../../src/redrive/run.js";
import { createKinesisBatchSender } from "../../../src/replay/kinesisSender.js";
import { envelopeFactory } from "../../helpers/factories.js";
import { memoryOutput } from "../../helpers/memoryStreams.js";
import { FakeEngine } from "../engine/fakeEngine.js";

const s3 = mockClient(S3Client);
const kinesis = mockClient(KinesisClient);
afterEach(() => {
  s3.reset();
  kinesis.reset();
});

const BUCKET = "signals-failures-1a2b";
const STREAM_ARN = "arn:aws:kinesis:eu-central-1:123456789012:stream/quotes-1a2b3c";
const envelope = (symbol: string, t: number) => Buffer.from(JSON.stringify(envelopeFactory(symbol, { t })));

/** An invocation record as Lambda writes it to S3 (docs example), with or without `payload`. */
function invocationRecord(start: string, end: string, records?: Array<[string, string, Buffer]>): string {
  const payload = records && {
    payload: JSON.stringify({
      Records: records.map(([partitionKey, sequenceNumber, data]) => ({
        kinesis: { partitionKey, sequenceNumber, data: data.toString("base64"), kinesisSchemaVersion: "1.0" },
        eventSource: "aws:kinesis",
      })),
    }),
  };
  return JSON.stringify({
    requestContext: { condition: "RetryAttemptsExhausted", approximateInvokeCount: 4 },
    responseContext: { statusCode: 200, functionError: "Unhandled" },
    version: "1.0",
    timestamp: "2026-11-30T10:00:00.000Z",
    KinesisBatchInfo: {
      shardId: "shardId-000000000000",
      startSequenceNumber: start,
      endSequenceNumber: end,
      batchSize: records?.length ?? 2,
      streamArn: STREAM_ARN,
    },
    ...payload,
  });
}

/** The part of an SDK stream body the source reads. */
const body = (text: string) => ({ transformToString: async () => text }) as never;

function deps(): RedriveDeps {
  const engine = new FakeEngine("prod");
  engine.stackOutputs = {
    kinesis_stream_name: { value: "quotes-1a2b3c", secret: false },
    failure_bucket_name: { value: BUCKET, secret: false },
    region: { value: "eu-central-1", secret: false },
  };
  return {
    output: memoryOutput({ json: true }).output,
    interactive: false,
    confirm: async () => true,
    open: () =>
      openStackRedrive(
        "prod",
        {},
        {
          openEngine: async () => engine,
          clients: {
            s3: (region) => new S3Client({ region }),
            kinesis: (region) => new KinesisClient({ region }),
            shards: async () => 1,
          },
        },
      ),
    createSender: (target) => createKinesisBatchSender(target, { env: {}, sleep: async () => {} }),
  };
}

describe("redrive --stack from the S3 failure bucket", () => {
  it("resends records from payloads and from the stream by pointer, and deletes only objects fully resent", async () => {
    const withPayload = "aws/lambda/esm-1/shardId-000000000000/2026/11/30/2026-11-30T10.00.00-a";
    const pointer = "aws/lambda/esm-1/shardId-000000000000/2026/11/30/2026-11-30T10.05.00-b";
    const expired = "aws/lambda/esm-1/shardId-000000000000/2026/11/30/2026-11-30T10.09.00-c";
    s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: "aws/lambda/" }).resolves({
      Contents: [{ Key: withPayload }, { Key: pointer }, { Key: expired }],
    });
    s3.on(GetObjectCommand, { Key: withPayload }).callsFake(() => ({
      Body: body(
        invocationRecord("100", "101", [
          ["AAPL", "100", envelope("AAPL", 1)],
          ["MSFT", "101", envelope("MSFT", 1)],
        ]),
      ),
    }));
    s3.on(GetObjectCommand, { Key: pointer }).callsFake(() => ({
      Body: body(invocationRecord("200", "201")),
    }));
    s3.on(GetObjectCommand, { Key: expired }).callsFake(() => ({ Body: body(invocationRecord("5", "6")) }));
    kinesis
      .on(GetShardIteratorCommand, { StartingSequenceNumber: "200" })
      .resolves({ ShardIterator: "it-200" });
    kinesis.on(GetShardIteratorCommand, { StartingSequenceNumber: "5" }).resolves({ ShardIterator: "it-5" });
    kinesis.on(GetRecordsCommand, { ShardIterator: "it-200" }).resolves({
      Records: [
        { SequenceNumber: "200", PartitionKey: "NVDA", Data: envelope("NVDA", 2) },
        { SequenceNumber: "201", PartitionKey: "SAP.DE", Data: envelope("SAP.DE", 2) },
        { SequenceNumber: "202", PartitionKey: "AAPL", Data: envelope("AAPL", 9) },
      ],
      NextShardIterator: "it-203",
    });
    // Trimmed past retention: the shard's oldest record is already later than the batch.
    kinesis.on(GetRecordsCommand, { ShardIterator: "it-5" }).resolves({
      Records: [{ SequenceNumber: "100", PartitionKey: "AAPL", Data: envelope("AAPL", 1) }],
      NextShardIterator: "it-x",
    });
    kinesis.on(PutRecordsCommand).callsFake((input: { Records: unknown[] }) => ({
      FailedRecordCount: 0,
      Records: input.Records.map((_, i) => ({ SequenceNumber: `9${i}`, ShardId: "shardId-000000000000" })),
    }));

    const result = await runRedrive({ yes: true, targetFlag: "--stack prod" }, deps());

    expect(result).toMatchObject({
      status: "redriven",
      records: 4,
      resent: 4,
      failed: 0,
      removed: 2,
      kept: 1,
    });
    expect(result.source).toBe(`s3://${BUCKET}`);
    expect(result.unrecoverable).toEqual([
      {
        origin: expired,
        label: `${expired} (shardId-000000000000, 5..6)`,
        reason: "none of its records is in the stream any more (older than its retention)",
      },
    ]);
    const put = kinesis.commandCalls(PutRecordsCommand).flatMap((call) => call.args[0].input.Records ?? []);
    expect(put.map((record) => record.PartitionKey).sort()).toEqual(["AAPL", "MSFT", "NVDA", "SAP.DE"]);
    expect(put.every((record) => JSON.parse(Buffer.from(record.Data ?? []).toString()).quote.t <= 2)).toBe(
      true,
    );
    expect(kinesis.commandCalls(GetShardIteratorCommand)[0]?.args[0].input).toMatchObject({
      StreamARN: STREAM_ARN,
      ShardId: "shardId-000000000000",
      ShardIteratorType: "AT_SEQUENCE_NUMBER",
    });
    expect(s3.commandCalls(DeleteObjectCommand).map((call) => call.args[0].input.Key)).toEqual([
      withPayload,
      pointer,
    ]);
  });

  it("keeps an object whose records Kinesis did not acknowledge", async () => {
    const key = "aws/lambda/esm-1/shardId-000000000000/2026/11/30/2026-11-30T11.00.00-d";
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: key }] });
    s3.on(GetObjectCommand).callsFake(() => ({
      Body: body(invocationRecord("1", "1", [["AAPL", "1", envelope("AAPL", 1)]])),
    }));
    kinesis.on(PutRecordsCommand).resolves({
      FailedRecordCount: 1,
      Records: [{ ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: "Rate exceeded" }],
    });

    const result = await runRedrive({ yes: true, targetFlag: "--stack prod" }, deps());

    expect(result).toMatchObject({ resent: 0, failed: 1, removed: 0, kept: 1 });
    expect(result.error).toContain("ProvisionedThroughputExceededException");
    expect(s3.commandCalls(DeleteObjectCommand)).toEqual([]);
  });

  it("reports a pointer whose records the stream would not return, and keeps its object", async () => {
    const key = "aws/lambda/esm-1/shardId-000000000000/2026/11/30/2026-11-30T12.00.00-e";
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: key }] });
    s3.on(GetObjectCommand).callsFake(() => ({ Body: body(invocationRecord("300", "301")) }));
    kinesis.on(GetShardIteratorCommand).resolves({ ShardIterator: "it-300" });
    kinesis
      .on(GetRecordsCommand)
      .rejects(Object.assign(new Error("Iterator expired"), { name: "ExpiredIteratorException" }));

    const result = await runRedrive({ yes: true, targetFlag: "--stack prod" }, deps());

    expect(result).toMatchObject({ status: "empty", records: 0, removed: 0, kept: 1 });
    expect(result.unrecoverable[0]?.reason).toBe(
      "reading it back from the stream failed: ExpiredIteratorException: Iterator expired",
    );
    expect(s3.commandCalls(DeleteObjectCommand)).toEqual([]);
  });

  it("names the missing output when the stack has no failure bucket", async () => {
    const engine = new FakeEngine("prod");
    await expect(
      openStackRedrive("prod", {}, { openEngine: async () => engine, clients: {} as never }),
    ).rejects.toThrow('Stack "prod" has no output "failure_bucket_name".');
  });
});
