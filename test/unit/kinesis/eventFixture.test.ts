import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  KINESIS_EVENT_FIXTURE,
  kinesisEventFixtureText,
  QUOTES_FIXTURE,
} from "../../../scripts/kinesis-event-fixture.js";
import { fixtureValues } from "../../../src/kinesis/fixture.js";
import { lambdaKinesisEventProblems } from "../../helpers/lambdaKinesisEvent.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Every JSON file under the fixture folders that holds a Lambda event (a `Records` array). */
function eventFixtures(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".json") && /"Records"\s*:/.test(readFileSync(path, "utf8")))
        found.push(path);
    }
  };
  for (const dir of ["fixtures", "test/fixtures"]) walk(join(ROOT, dir));
  return found;
}

describe("the Kinesis event fixtures", () => {
  it("fixtures/replay/kinesis-event.json is what the event builder writes (npx tsx scripts/kinesis-event-fixture.ts)", () => {
    expect(readFileSync(KINESIS_EVENT_FIXTURE, "utf8")).toBe(
      kinesisEventFixtureText(readFileSync(QUOTES_FIXTURE, "utf8")),
    );
  });

  it("every event fixture is a Lambda Kinesis event by Powertools' schema and AWS's sample", () => {
    const files = eventFixtures();
    expect(files).toContain(KINESIS_EVENT_FIXTURE);
    for (const file of files) {
      expect(lambdaKinesisEventProblems(JSON.parse(readFileSync(file, "utf8"))), file).toEqual([]);
    }
  });

  it("replays as the envelopes it was made from: the first of each symbol in quotes.jsonl", () => {
    const event = fixtureValues(readFileSync(KINESIS_EVENT_FIXTURE, "utf8"));
    const quotes = fixtureValues(readFileSync(QUOTES_FIXTURE, "utf8"));
    if (!event.ok || !quotes.ok) throw new Error("a fixture does not parse");
    expect(event.format).toBe("kinesis-event");
    expect(event.values).toEqual(quotes.values.slice(0, 5));
    expect(event.values.map((value) => (value as { symbol: string }).symbol)).toEqual([
      "AAPL",
      "MSFT",
      "SAP",
      "BMW.DE",
      "NFLX",
    ]);
  });
});

describe("the event checker itself", () => {
  // AWS's sample event (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html).
  const sample = {
    Records: [
      {
        kinesis: {
          kinesisSchemaVersion: "1.0",
          partitionKey: "1",
          sequenceNumber: "49590338271490256608559692538361571095921575989136588898",
          data: "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==",
          approximateArrivalTimestamp: 1545084650.987,
        },
        eventSource: "aws:kinesis",
        eventVersion: "1.0",
        eventID: "shardId-000000000006:49590338271490256608559692538361571095921575989136588898",
        eventName: "aws:kinesis:record",
        invokeIdentityArn: "arn:aws:iam::123456789012:role/lambda-role",
        awsRegion: "us-east-2",
        eventSourceARN: "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream",
      },
    ],
  };

  it("accepts AWS's sample event", () => {
    expect(lambdaKinesisEventProblems(sample)).toEqual([]);
  });

  it("refuses the minimal shape replay also reads, and timestamps in milliseconds", () => {
    const minimal = {
      Records: [{ eventSource: "aws:kinesis", kinesis: { data: "e30=", partitionKey: "A" } }],
    };
    expect(lambdaKinesisEventProblems(minimal).join("\n")).toMatch(/eventID/);
    const [record] = sample.Records;
    const millis = {
      Records: [{ ...record, kinesis: { ...record?.kinesis, approximateArrivalTimestamp: 1545084650987 } }],
    };
    expect(lambdaKinesisEventProblems(millis).join("\n")).toMatch(/not Unix seconds/);
    const wrongId = { Records: [{ ...record, eventID: "0" }] };
    expect(lambdaKinesisEventProblems(wrongId).join("\n")).toMatch(/eventID "0"/);
  });
});
