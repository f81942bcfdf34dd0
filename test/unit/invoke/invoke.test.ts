import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { type InvokeDeps, renderInvoke, runInvoke } from "../../../src/invoke/runInvoke.js";
import { UsageError } from "../../../src/lib/errors.js";
import { lambdaKinesisEventProblems } from "../../helpers/lambdaKinesisEvent.js";

const lambda = mockClient(LambdaClient);
afterEach(() => lambda.reset());

const OUTPUTS = {
  ingestion_lambda_name: "ingestion-1a2b",
  processing_lambda_name: "processing-3c4d",
  kinesis_stream_arn: "arn:aws:kinesis:eu-central-1:123456789012:stream/quotes-5e6f",
  region: "eu-central-1",
};

const FIXTURE = [
  JSON.stringify({
    symbol: "aapl",
    fetchedAt: "2026-11-20T15:00:02.120Z",
    quote: { c: 189.84, t: 1763650800 },
  }),
  "",
  JSON.stringify({ symbol: "MSFT", fetchedAt: "2026-11-20T15:00:02.300Z", quote: { c: 420.1 } }),
].join("\n");

function deps(overrides: Partial<InvokeDeps> = {}): InvokeDeps {
  return {
    getOutputs: async () => OUTPUTS,
    lambdaClient: async (region) =>
      new LambdaClient({ region, credentials: { accessKeyId: "x", secretAccessKey: "y" } }),
    readText: async () => FIXTURE,
    env: {},
    now: () => new Date("2026-11-20T15:05:00.000Z"),
    ...overrides,
  };
}

// The SDK types Payload as its blob adapter; a plain Uint8Array is what arrives on the wire.
const encode = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value))) as never;
const logOf = (text: string) => Buffer.from(text).toString("base64");

describe("invoke processing", () => {
  it("sends the fixture as a Kinesis event and shows batchItemFailures and the log tail", async () => {
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: encode({
        batchItemFailures: [{ itemIdentifier: "49590338271490256608559692538361571095921575989136588899" }],
      }),
      LogResult: logOf("START RequestId: 1\nredis timeout for MSFT\nEND RequestId: 1\n"),
    });

    const result = await runInvoke({ stack: "prod", target: "processing", fixture: "quotes.jsonl" }, deps());

    const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(input?.FunctionName).toBe("processing-3c4d");
    expect(input?.LogType).toBe("Tail");
    const event = JSON.parse(Buffer.from(input?.Payload as Uint8Array).toString("utf8"));
    expect(event.Records).toHaveLength(2);
    expect(lambdaKinesisEventProblems(event)).toEqual([]);
    expect(event.Records[0].kinesis.partitionKey).toBe("AAPL");
    expect(event.Records[0].eventSourceARN).toBe(OUTPUTS.kinesis_stream_arn);
    expect(JSON.parse(Buffer.from(event.Records[1].kinesis.data, "base64").toString("utf8")).symbol).toBe(
      "MSFT",
    );
    expect(result.batchItemFailures).toEqual(["49590338271490256608559692538361571095921575989136588899"]);
    const text = renderInvoke(result);
    expect(text).toContain("2 record(s) sent; batchItemFailures: 1");
    expect(text).toContain("  redis timeout for MSFT");
  });

  it("needs a fixture", async () => {
    const attempt = runInvoke({ stack: "prod", target: "processing" }, deps());

    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it("names the line of a broken JSON Lines fixture", async () => {
    const attempt = runInvoke(
      { stack: "prod", target: "processing", fixture: "bad.jsonl" },
      deps({ readText: async () => '{"symbol":"A"}\n{oops' }),
    );

    await expect(attempt).rejects.toThrow("Fixture bad.jsonl, line 2: not valid JSON.");
  });
});

describe("invoke ingestion", () => {
  it("sends a scheduled event and shows the function's summary and its error", async () => {
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: "Unhandled",
      Payload: encode({ errorType: "Error", errorMessage: "BAVEST_API_KEY_SECRET_ARN is not set" }),
      LogResult: logOf("ERROR BAVEST_API_KEY_SECRET_ARN is not set\n"),
    });

    const result = await runInvoke({ stack: "prod", target: "ingestion" }, deps());

    const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    const event = JSON.parse(Buffer.from(input?.Payload as Uint8Array).toString("utf8"));
    expect(input?.FunctionName).toBe("ingestion-1a2b");
    expect(event).toMatchObject({
      source: "aws.events",
      "detail-type": "Scheduled Event",
      region: "eu-central-1",
    });
    expect(result.functionError).toBe("Unhandled");
    expect(renderInvoke(result)).toContain('"errorMessage": "BAVEST_API_KEY_SECRET_ARN is not set"');
  });

  it("shows the summary the function returns", async () => {
    lambda
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, Payload: encode({ fetched: 5, sent: 5, failed: 0 }) });

    const result = await runInvoke({ stack: "prod", target: "ingestion" }, deps());

    expect(result.response).toEqual({ fetched: 5, sent: 5, failed: 0 });
    expect(renderInvoke(result)).toContain('"sent": 5');
  });
});
