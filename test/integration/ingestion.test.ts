import { createServer, request, type Server } from "node:http";
import {
  CreateStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
} from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createKinesisClient } from "../../src/kinesis/kinesisClient.js";
import { createIngestionHandler, IngestionWriteError } from "../../src/lambdas/ingestion/handler.js";
import type { IngestionSettings } from "../../src/lambdas/ingestion/settings.js";
import { type BavestStub, startBavestStub } from "../helpers/bavestStub.js";
import { quoteFactory } from "../helpers/factories.js";
import { type KinesisServerHandle, startKinesalite } from "../helpers/kinesis.js";
import { freePort } from "../helpers/ports.js";

let kinesalite: KinesisServerHandle;
let stub: BavestStub;
let kinesis: KinesisClient;
let streamCounter = 0;

beforeAll(async () => {
  [kinesalite, stub] = await Promise.all([startKinesalite(), startBavestStub()]);
  kinesis = createKinesisClient({ endpoint: kinesalite.endpoint, region: "us-east-1" });
});
afterAll(async () => {
  kinesis?.destroy();
  await Promise.all([kinesalite?.stop(), stub?.stop()]);
});
beforeEach(() => {
  stub.requests.length = 0;
});

async function createStream(client: KinesisClient): Promise<string> {
  streamCounter += 1;
  const name = `quotes-${streamCounter}`;
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: 2 }));
  for (;;) {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamName: name }));
    if (StreamDescription?.StreamStatus === "ACTIVE") return name;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every record on the stream as { partitionKey, envelope }. */
async function readStream(
  name: string,
): Promise<{ partitionKey: string; envelope: Record<string, unknown> }[]> {
  const { StreamDescription } = await kinesis.send(new DescribeStreamCommand({ StreamName: name }));
  const out: { partitionKey: string; envelope: Record<string, unknown> }[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: name,
        ShardId: shard.ShardId,
        ShardIteratorType: "TRIM_HORIZON",
      }),
    );
    const { Records } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    for (const record of Records ?? []) {
      out.push({
        partitionKey: record.PartitionKey ?? "",
        envelope: JSON.parse(Buffer.from(record.Data ?? new Uint8Array()).toString("utf8")),
      });
    }
  }
  return out;
}

function settingsFor(streamName: string, symbols: string[], apiKey = "test-key") {
  const settings: IngestionSettings & { apiKey: { apiKey: string } } = {
    streamName,
    apiUrl: `${stub.url}/`,
    symbols,
    concurrency: 3,
    timeoutMs: 300,
    maxAttempts: 3,
    backoff: { baseMs: 5, capMs: 20 },
    maxRetryAfterMs: 5_000,
    putMaxAttempts: 4,
    apiKey: { apiKey },
  };
  return settings;
}

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const silentLogger = () => {
  const errors: string[] = [];
  return { errors, logger: { info() {}, warn() {}, error: (message: string) => void errors.push(message) } };
};

interface PutRecordsBody {
  StreamName: string;
  Records: { Data: string; PartitionKey: string }[];
}

/**
 * An HTTP proxy in front of kinesalite. On the first PutRecords call it withholds the entries at
 * `failIndexes` from kinesalite and answers for them with ProvisionedThroughputExceededException,
 * as Kinesis does under throttling. Records the partition keys of every PutRecords call.
 */
async function startPutRecordsProxy(target: number, failIndexes: number[]) {
  const calls: string[][] = [];
  const forward = (headers: Record<string, unknown>, body: string) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: target,
          method: "POST",
          path: "/",
          headers: { ...headers, "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          let text = "";
          res.on("data", (c) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: text }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const isPut = String(req.headers["x-amz-target"]).endsWith(".PutRecords");
    const headers = { ...req.headers } as Record<string, unknown>;
    delete headers["content-length"];
    if (!isPut) {
      const answer = await forward(headers, body);
      res.writeHead(answer.status, { "content-type": String(answer.headers["content-type"]) });
      return res.end(answer.body);
    }
    const parsed = JSON.parse(body) as PutRecordsBody;
    calls.push(parsed.Records.map((r) => r.PartitionKey));
    const withheld = calls.length === 1 ? new Set(failIndexes) : new Set<number>();
    const kept = parsed.Records.filter((_, i) => !withheld.has(i));
    const answer = await forward(headers, JSON.stringify({ ...parsed, Records: kept }));
    const results = (JSON.parse(answer.body) as { Records: unknown[] }).Records;
    const merged = parsed.Records.map((_, i) =>
      withheld.has(i)
        ? { ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: "Rate exceeded for shard" }
        : results.shift(),
    );
    res.writeHead(answer.status, { "content-type": String(answer.headers["content-type"]) });
    res.end(JSON.stringify({ FailedRecordCount: withheld.size, Records: merged }));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("ingestion against kinesalite and a Bavest stand-in", () => {
  it("writes one envelope per symbol, partitioned by symbol, despite 429 and 500 on the way", async () => {
    const stream = await createStream(kinesis);
    const quote = quoteFactory({ c: 100 });
    stub.script("AAPL", [{ kind: "quote", quote }]);
    stub.script("MSFT", [{ kind: "status", status: 429, retryAfter: "1" }, { kind: "quote" }]);
    stub.script("NVDA", [
      { kind: "status", status: 500 },
      { kind: "status", status: 503 },
      { kind: "quote" },
    ]);
    const { waits, sleep } = recordingSleep();
    const handler = createIngestionHandler({
      kinesis,
      settings: settingsFor(stream, ["AAPL", "MSFT", "NVDA"]),
      sleep,
      logger: silentLogger().logger,
    });

    const summary = await handler();

    expect(summary).toMatchObject({ symbols: 3, written: 3, failures: [] });
    expect(waits).toContain(1000);
    expect(stub.requestsFor("MSFT")).toHaveLength(2);
    expect(stub.requestsFor("NVDA")).toHaveLength(3);
    const first = stub.requests[0];
    expect(first).toMatchObject({
      path: "/v0/quote",
      method: "POST",
      apiKey: "test-key",
      contentType: "application/json",
    });
    const records = await readStream(stream);
    expect(records.map((r) => r.partitionKey).sort()).toEqual(["AAPL", "MSFT", "NVDA"]);
    for (const { partitionKey, envelope } of records) {
      expect(envelope).toMatchObject({ schemaVersion: 1, symbol: partitionKey, source: "bavest" });
      expect(Date.parse(String(envelope.fetchedAt))).not.toBeNaN();
    }
    expect(records.find((r) => r.partitionKey === "AAPL")?.envelope.quote).toEqual(quote);
  });

  it("reports each failing symbol with its reason and still writes the others", async () => {
    const stream = await createStream(kinesis);
    stub.script("SLOW", [{ kind: "slow", delayMs: 2_000 }]);
    stub.script("BAD", [{ kind: "status", status: 400, body: '{"statusCode":400}' }]);
    stub.script("MAL", [{ kind: "malformed" }]);
    stub.script("HTML", [{ kind: "html" }]);
    stub.script("DOWN", [{ kind: "status", status: 502 }]);
    const symbols = ["AAPL", "SLOW", "BAD", "MAL", "HTML", "DOWN", "MSFT"];
    const handler = createIngestionHandler({
      kinesis,
      settings: settingsFor(stream, symbols),
      logger: silentLogger().logger,
    });

    const summary = await handler();

    expect(summary.written).toBe(2);
    const reasons = Object.fromEntries(summary.failures.map((f) => [f.symbol, f.reason]));
    expect(Object.keys(reasons).sort()).toEqual(["BAD", "DOWN", "HTML", "MAL", "SLOW"]);
    expect(reasons.SLOW).toMatch(/timed out after 300 ms \(gave up after 3 attempts\)/);
    expect(reasons.BAD).toMatch(/^HTTP 400/);
    expect(reasons.MAL).toMatch(/malformed JSON/);
    expect(reasons.HTML).toMatch(/malformed JSON/);
    expect(reasons.DOWN).toMatch(/HTTP 502 \(gave up after 3 attempts\)/);
    expect(stub.requestsFor("BAD")).toHaveLength(1);
    expect(stub.requestsFor("SLOW")).toHaveLength(3);
    expect((await readStream(stream)).map((r) => r.partitionKey).sort()).toEqual(["AAPL", "MSFT"]);
  });

  it("does not retry a 403 and says the API key is invalid", async () => {
    const stream = await createStream(kinesis);
    const { errors, logger } = silentLogger();
    const handler = createIngestionHandler({
      kinesis,
      settings: settingsFor(stream, ["AAPL", "MSFT"], "wrong-key"),
      logger,
    });

    const summary = await handler();

    expect(summary.written).toBe(0);
    expect(summary.failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(/403/),
      expect.stringMatching(/403/),
    ]);
    expect(stub.requests).toHaveLength(2);
    expect(errors.some((e) => /API key is invalid/.test(e))).toBe(true);
  });
});

describe("PutRecords partial failures", () => {
  it("resends exactly the entries Kinesis marked failed", async () => {
    const stream = await createStream(kinesis);
    const proxy = await startPutRecordsProxy(kinesalite.port, [1, 3]);
    const client = createKinesisClient({ endpoint: proxy.endpoint, region: "us-east-1" });
    const symbols = ["AAPL", "MSFT", "NVDA", "AMZN", "TSLA"];
    try {
      const handler = createIngestionHandler({
        kinesis: client,
        settings: settingsFor(stream, symbols),
        logger: silentLogger().logger,
      });
      const summary = await handler();
      expect(summary).toMatchObject({ written: 5, failures: [], putCalls: 2 });
      expect(proxy.calls).toEqual([symbols, ["MSFT", "AMZN"]]);
      expect((await readStream(stream)).map((r) => r.partitionKey).sort()).toEqual([...symbols].sort());
    } finally {
      client.destroy();
      await proxy.stop();
    }
  });

  it("fails the invocation and says how many records could not be written", async () => {
    const client = createKinesisClient({ endpoint: kinesalite.endpoint, region: "us-east-1" });
    try {
      const handler = createIngestionHandler({
        kinesis: client,
        settings: settingsFor("no-such-stream", ["AAPL", "MSFT"]),
        logger: silentLogger().logger,
      });
      const error = await handler().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IngestionWriteError);
      expect((error as Error).message).toBe(
        '2 of 2 quotes could not be written to Kinesis stream "no-such-stream"',
      );
      expect((error as IngestionWriteError).summary.failures[0]?.reason).toMatch(/ResourceNotFoundException/);
    } finally {
      client.destroy();
    }
  });
});
