import { describe, expect, it } from "vitest";
import {
  buildKinesisEvent,
  recordsForEnvelopes,
  type StreamRecord,
  scheduledEvent,
} from "../../../src/kinesis/event.js";
import { lambdaKinesisEventProblems } from "../../helpers/lambdaKinesisEvent.js";

describe("recordsForEnvelopes", () => {
  it("keys each envelope by its symbol and counts sequence numbers up from the sample's", () => {
    const arrival = new Date("2026-11-20T15:00:02Z");
    const records = recordsForEnvelopes([{ symbol: " aapl " }, { symbol: 7 }], arrival);
    expect(records.map((r) => r.partitionKey)).toEqual(["AAPL", "unknown"]);
    expect(BigInt(records[1]?.sequenceNumber ?? "0") - BigInt(records[0]?.sequenceNumber ?? "0")).toBe(1n);
    const event = buildKinesisEvent(records, {
      region: "eu-central-1",
      streamName: "quotes",
      streamArn: "arn:aws:kinesis:eu-central-1:123456789012:stream/real",
      invokeRoleArn: "arn:aws:iam::123456789012:role/r",
    });
    expect(event.Records[0]).toMatchObject({
      eventSourceARN: "arn:aws:kinesis:eu-central-1:123456789012:stream/real",
      invokeIdentityArn: "arn:aws:iam::123456789012:role/r",
      kinesis: { approximateArrivalTimestamp: arrival.getTime() / 1000 },
    });
    expect(JSON.parse(Buffer.from(event.Records[0]?.kinesis.data ?? "", "base64").toString())).toEqual({
      symbol: " aapl ",
    });
  });
});

describe("buildKinesisEvent", () => {
  it("builds what Powertools' Kinesis schema and AWS's sample event accept, locally and for a stack", () => {
    const records: StreamRecord[] = [0, 1, 2, 3].map((n) => ({
      shardId: `shardId-00000000000${n % 2}`,
      sequenceNumber: `4959033827149025660855969253836157109592157598913658${8900 + n}`,
      partitionKey: n % 2 ? "BMW.DE" : "AAPL",
      data: n === 3 ? Buffer.from([0xff, 0x00]) : Buffer.from(JSON.stringify({ n })),
      approximateArrivalTimestamp: new Date(1_763_650_802_000 + n * 7),
    }));
    const local = buildKinesisEvent(records, { region: "eu-central-1", streamName: "bavest-local" });
    const stack = buildKinesisEvent(records, {
      region: "us-east-2",
      streamName: "ignored",
      streamArn: "arn:aws:kinesis:us-east-2:123456789012:stream/quotes-1a2b3c",
      invokeRoleArn: "arn:aws:iam::123456789012:role/processing-role-9f8e7d",
    });
    expect(lambdaKinesisEventProblems(local)).toEqual([]);
    expect(lambdaKinesisEventProblems(stack)).toEqual([]);
    expect(local.Records.map((r) => r.eventID)).toEqual(
      records.map((r) => `${r.shardId}:${r.sequenceNumber}`),
    );
    expect(local.Records[1]?.kinesis.approximateArrivalTimestamp).toBe(1_763_650_802.007);
  });
});

describe("scheduledEvent", () => {
  it("names its rule when given one, and drops the milliseconds as EventBridge does", () => {
    const now = new Date("2026-11-20T15:00:02.345Z");
    expect(scheduledEvent("eu-central-1", now, { ruleName: "every-5", id: "abc" })).toMatchObject({
      id: "abc",
      time: "2026-11-20T15:00:02Z",
      resources: ["arn:aws:events:eu-central-1:000000000000:rule/every-5"],
    });
    expect(scheduledEvent("eu-central-1", now).resources).toEqual([]);
  });
});
