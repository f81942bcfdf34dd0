import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeStreamCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKinesisClient } from "../../src/kinesis/kinesisClient.js";
import { createKinesisBatchSender } from "../../src/replay/kinesisSender.js";
import { runReplay } from "../../src/replay/run.js";
import { replayStoppedError } from "../../src/replay/summary.js";
import { runInProcess } from "../helpers/inProcess.js";
import { type KinesisServerHandle, startKinesalite } from "../helpers/kinesis.js";
import { createStream, pointLocalPipelineAt, readStream } from "../helpers/localStream.js";
import { memoryOutput } from "../helpers/memoryStreams.js";
import { startRefusingProxy, startSilentServer } from "./support/kinesisFaults.js";
import { jsonLines, observations } from "./support/observations.js";

let kinesis: KinesisServerHandle;
let client: KinesisClient;

beforeAll(async () => {
  kinesis = await startKinesalite();
  client = createKinesisClient({ endpoint: kinesis.endpoint, env: {} });
});
afterAll(async () => {
  client?.destroy();
  await kinesis?.stop();
});

/** "index 0-2, 5" (from the stopped replay's message) as [0, 1, 2, 5]. */
function parseRanges(text: string): number[] {
  return text.split(", ").flatMap((part) => {
    const [from, to] = part.split("-").map(Number) as [number, number | undefined];
    return Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i);
  });
}

const keyOf = (r: unknown) => {
  const { symbol, quote } = r as { symbol: string; quote: { t: number } };
  return `${symbol}@${quote.t}`;
};

describe("Kinesis unreachable during a replay", () => {
  it("reports exactly the acknowledged records, after bounded retries, and resumes with --from", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-refused-"));
    await createStream(client, "refused", 2);
    // One symbol's shard keeps refusing its records; the others are written.
    const proxy = await startRefusingProxy(kinesis.port, (key) => key === "FLAKY");
    const records = observations(["AAA", "BBB", "FLAKY", "CCC"], 1200);
    const file = join(home, "quotes.jsonl");
    await writeFile(file, jsonLines(records));
    await pointLocalPipelineAt(home, proxy.endpoint, "refused");

    const run = await runInProcess(["replay", "--local", "--json", file], { BAVEST_SIGNALS_HOME: home });
    await proxy.stop();

    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout);
    const acknowledged = parseRanges(/Acknowledged \(\d+\): index ([^.]+)\./.exec(run.stderr)?.[1] ?? "");
    const onStream = (await readStream(client, "refused")).map(keyOf);
    // Nothing is reported sent that Kinesis did not store, and everything stored is reported.
    expect(new Set(onStream)).toEqual(new Set(acknowledged.map((i) => keyOf(records[i]))));
    expect(onStream).toHaveLength(summary.sent);
    expect(summary.sent + summary.failed).toBe(1200);
    // Bounded: each refused entry was offered exactly 5 times (the first try and 4 retries).
    const flakyCalls = proxy.putCalls.filter((keys) => keys.includes("FLAKY"));
    const firstBatchFlaky = flakyCalls[0]?.filter((key) => key === "FLAKY").length ?? 0;
    expect(flakyCalls.filter((keys) => keys.every((key) => key === "FLAKY"))).toHaveLength(4);
    expect(firstBatchFlaky).toBeGreaterThan(0);
    const from = Number(/--from (\d+)/.exec(run.stderr)?.[1]);
    expect(records.findIndex((r) => keyOf(r).startsWith("FLAKY@"))).toBe(from);
    expect(run.stderr).toContain("ProvisionedThroughputExceededException");

    // Act on the message: the stream is healthy again, resume where it said.
    await pointLocalPipelineAt(home, kinesis.endpoint, "refused");
    const resumed = await runInProcess(["replay", "--local", "--json", file, "--from", String(from)], {
      BAVEST_SIGNALS_HOME: home,
    });
    expect(resumed.code).toBe(0);
    expect(new Set((await readStream(client, "refused")).map(keyOf))).toEqual(new Set(records.map(keyOf)));
  }, 60_000);

  it("gives up on an endpoint that accepts connections and never answers", async () => {
    const silent = await startSilentServer();
    const home = await mkdtemp(join(tmpdir(), "bavest-silent-"));
    const file = join(home, "few.jsonl");
    await writeFile(file, jsonLines(observations(["AAA", "BBB"], 4)));
    try {
      const result = await runReplay(
        { source: file, dryRun: false, skipInvalid: false, from: 0 },
        {
          output: memoryOutput().output,
          resolveTarget: async () => ({
            streamName: "silent",
            region: "us-east-1",
            endpoint: silent.endpoint,
            description: "a silent endpoint",
          }),
          createSender: (target) =>
            createKinesisBatchSender(target, {
              env: {},
              maxAttempts: 2,
              requestTimeoutMs: 300,
              sleep: async () => {},
            }),
        },
      );
      expect(result.summary).toMatchObject({ records: 4, sent: 0, failed: 4 });
      const error = replayStoppedError(
        result,
        (from) => `bavest-signals replay --local ${file} --from ${from}`,
      );
      expect(error.message).toContain("Acknowledged: none.");
      expect(error.message).toMatch(/TimeoutError|timed out|exceeded/i);
      expect(error.hint).toContain("--from 0");
      // The SDK does not retry on its own as well: two attempts, two connections.
      expect(silent.connections()).toBe(2);
    } finally {
      await silent.stop();
    }
  }, 20_000);

  it("fails a plain client call to a silent endpoint instead of hanging", async () => {
    const silent = await startSilentServer();
    const silentClient = createKinesisClient({
      endpoint: silent.endpoint,
      env: {},
      requestTimeoutMs: 200,
      maxAttempts: 1,
    });
    try {
      const error = await silentClient
        .send(new DescribeStreamCommand({ StreamName: "x" }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/requestTimeout|timed out|timeout/i);
    } finally {
      silentClient.destroy();
      await silent.stop();
    }
  }, 20_000);
});
