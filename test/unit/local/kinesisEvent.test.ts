import { describe, expect, it } from "vitest";
import { buildKinesisEvent, firstFailedIndex } from "../../../src/local/mapping/kinesisEvent.js";
import { streamRecord } from "./factories.js";

describe("buildKinesisEvent", () => {
  it("shapes records the way Lambda's Kinesis trigger delivers them", () => {
    const record = streamRecord(7, { symbol: "AAPL" });
    const event = buildKinesisEvent([record], { region: "eu-central-1", streamName: "quotes" });
    expect(event.Records[0]).toEqual({
      kinesis: {
        kinesisSchemaVersion: "1.0",
        partitionKey: "P7",
        sequenceNumber: "1007",
        data: Buffer.from('{"symbol":"AAPL"}').toString("base64"),
        approximateArrivalTimestamp: 1_700_000_000.007,
      },
      eventSource: "aws:kinesis",
      eventVersion: "1.0",
      eventID: "shardId-000000000000:1007",
      eventName: "aws:kinesis:record",
      invokeIdentityArn: "arn:aws:iam::000000000000:role/processing-role",
      awsRegion: "eu-central-1",
      eventSourceARN: "arn:aws:kinesis:eu-central-1:000000000000:stream/quotes",
    });
  });
});

describe("firstFailedIndex", () => {
  const records = [0, 1, 2].map((n) => streamRecord(n));

  it("is -1 when nothing failed", () => {
    expect(firstFailedIndex(records, { batchItemFailures: [] })).toBe(-1);
    expect(firstFailedIndex(records, undefined)).toBe(-1);
  });

  it("is the lowest failed record, whatever the order of the failures", () => {
    expect(
      firstFailedIndex(records, {
        batchItemFailures: [{ itemIdentifier: "1002" }, { itemIdentifier: "1001" }],
      }),
    ).toBe(1);
  });

  it("fails the whole batch for an identifier that is empty or not in the batch", () => {
    expect(firstFailedIndex(records, { batchItemFailures: [{ itemIdentifier: "" }] })).toBe(0);
    expect(firstFailedIndex(records, { batchItemFailures: [{ itemIdentifier: "999" }] })).toBe(0);
  });
});
