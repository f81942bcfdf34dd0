import { describe, expect, it } from "vitest";
import { buildKinesisEvent, recordsForEnvelopes, scheduledEvent } from "../../../src/kinesis/event.js";

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
