import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CreateStreamCommand, DescribeStreamCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKinesisClient } from "../../src/kinesis/kinesisClient.js";
import { type BavestStub, startBavestStub } from "../helpers/bavestStub.js";
import { type KinesisServerHandle, startKinesalite } from "../helpers/kinesis.js";

const BUNDLE = fileURLToPath(new URL("../../dist/lambdas/ingestion/index.mjs", import.meta.url));

/** Loads the bundle in a fresh Node process and calls handler() as the scheduler would. */
function runBundle(
  env: Record<string, string>,
  event: unknown = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `const { handler } = await import(process.argv[1]);
const result = await handler(${JSON.stringify(event)}, undefined);
process.stdout.write("RESULT " + JSON.stringify(result) + "\\n"); process.exit(0);`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script, BUNDLE], {
    env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

let kinesalite: KinesisServerHandle;
let stub: BavestStub;
let kinesis: KinesisClient;
beforeAll(async () => {
  [kinesalite, stub] = await Promise.all([startKinesalite(), startBavestStub()]);
  kinesis = createKinesisClient({ endpoint: kinesalite.endpoint, region: "us-east-1" });
  await kinesis.send(new CreateStreamCommand({ StreamName: "quotes", ShardCount: 1 }));
  while (
    (await kinesis.send(new DescribeStreamCommand({ StreamName: "quotes" }))).StreamDescription
      ?.StreamStatus !== "ACTIVE"
  ) {
    await new Promise((r) => setTimeout(r, 20));
  }
});
afterAll(async () => {
  kinesis?.destroy();
  await Promise.all([kinesalite?.stop(), stub?.stop()]);
});

describe("the ingestion bundle", () => {
  it("writes the watchlist to a local Kinesis server named by KINESIS_ENDPOINT", async () => {
    stub.script("BAD", [{ kind: "status", status: 404 }]);
    const run = await runBundle({
      KINESIS_STREAM_NAME: "quotes",
      KINESIS_ENDPOINT: kinesalite.endpoint,
      AWS_REGION: "us-east-1",
      BAVEST_API_URL: stub.url,
      BAVEST_API_KEY: "test-key",
      SYMBOLS: "aapl,msft,bad",
    });
    const line = run.stdout.split("\n").find((l) => l.startsWith("RESULT ")) ?? "RESULT null";
    expect(JSON.parse(line.slice(7))).toMatchObject({
      symbols: 3,
      written: 2,
      failures: [{ symbol: "BAD", reason: expect.stringMatching(/^HTTP 404/) }],
    });
    expect(stub.requests.map((r) => r.symbol).sort()).toEqual(["AAPL", "BAD", "MSFT"]);
  });

  it("fetches the event's {symbols: [...]} slice when the environment has no SYMBOLS", async () => {
    stub.requests.length = 0;
    const run = await runBundle(
      {
        KINESIS_STREAM_NAME: "quotes",
        KINESIS_ENDPOINT: kinesalite.endpoint,
        AWS_REGION: "us-east-1",
        BAVEST_API_URL: stub.url,
        BAVEST_API_KEY: "test-key",
        BAVEST_REQUESTS_PER_SECOND: "50",
      },
      { symbols: ["nvda", "AMZN"] },
    );
    const line = run.stdout.split("\n").find((l) => l.startsWith("RESULT ")) ?? "RESULT null";
    expect(JSON.parse(line.slice(7))).toMatchObject({ symbols: 2, written: 2, failures: [] });
    expect(stub.requests.map((r) => r.symbol).sort()).toEqual(["AMZN", "NVDA"]);
  });
});
