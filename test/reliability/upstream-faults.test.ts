import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKinesisClient } from "../../src/kinesis/kinesisClient.js";
import { createIngestionHandler } from "../../src/lambdas/ingestion/handler.js";
import { type BavestStub, startBavestStub } from "../helpers/bavestStub.js";
import { type KinesisServerHandle, startKinesalite } from "../helpers/kinesis.js";
import { createStream, readStream } from "../helpers/localStream.js";

let kinesalite: KinesisServerHandle;
let stub: BavestStub;
let kinesis: KinesisClient;

beforeAll(async () => {
  [kinesalite, stub] = await Promise.all([startKinesalite(), startBavestStub()]);
  kinesis = createKinesisClient({ endpoint: kinesalite.endpoint, env: {} });
});
afterAll(async () => {
  kinesis?.destroy();
  await Promise.all([kinesalite?.stop(), stub?.stop()]);
});

/** A logger that keeps every line, as CloudWatch would. */
function capturingLogger() {
  const lines: Array<{ level: string; message: string; extra: Record<string, unknown> }> = [];
  const at =
    (level: string) =>
    (message: string, ...extra: unknown[]) =>
      void lines.push({ level, message, extra: Object.assign({}, ...extra) });
  return { lines, logger: { info: at("INFO"), warn: at("WARN"), error: at("ERROR") } };
}

describe("upstream faults during ingestion", () => {
  it("retries 429 and 5xx, gives up on the rest, still writes the other symbols, and logs each", async () => {
    await createStream(kinesis, "upstream", 2);
    stub.script("RATE", [{ kind: "status", status: 429, retryAfter: "1" }, { kind: "quote" }]);
    stub.script("BUSY", [{ kind: "status", status: 500 }, { kind: "quote" }]);
    stub.script("DOWN", [{ kind: "status", status: 500 }]);
    stub.script("SLOW", [{ kind: "slow", delayMs: 3_000 }]);
    stub.script("DENIED", [{ kind: "status", status: 403, body: '{"message":"Forbidden"}' }]);
    stub.script("MAL", [{ kind: "malformed" }]);
    stub.script("HTML", [{ kind: "html" }]);
    const symbols = ["AAPL", "RATE", "BUSY", "DOWN", "SLOW", "DENIED", "MAL", "HTML", "MSFT"];
    const waits: number[] = [];
    const { lines, logger } = capturingLogger();
    const handler = createIngestionHandler({
      kinesis,
      settings: {
        streamName: "upstream",
        apiUrl: stub.url,
        symbols,
        concurrency: 4,
        timeoutMs: 1_000,
        maxAttempts: 3,
        backoff: { baseMs: 5, capMs: 20 },
        maxRetryAfterMs: 5_000,
        putMaxAttempts: 3,
        apiKey: { apiKey: "test-key" },
      },
      sleep: async (ms) => void waits.push(ms),
      logger,
    });

    const summary = await handler();

    const onStream = (await readStream(kinesis, "upstream")) as Array<{ symbol: string }>;
    expect(onStream.map((r) => r.symbol).sort()).toEqual(["AAPL", "BUSY", "MSFT", "RATE"]);
    expect(summary.written).toBe(4);
    const reasons = Object.fromEntries(summary.failures.map((f) => [f.symbol, f.reason]));
    expect(reasons).toEqual({
      DOWN: "HTTP 500 (gave up after 3 attempts)",
      SLOW: "timed out after 1000 ms (gave up after 3 attempts)",
      DENIED: "HTTP 403: the Bavest API key is invalid, or the path does not exist (Bavest said: Forbidden)",
      MAL: expect.stringMatching(/^malformed JSON in the quote response/),
      HTML: expect.stringMatching(/^malformed JSON in the quote response: "<html>/),
    });
    // Retry-After honoured; 403 and unparseable answers never retried; 5xx retried to the limit.
    expect(waits).toContain(1_000);
    const requests = (symbol: string) => stub.requestsFor(symbol).length;
    expect([requests("RATE"), requests("BUSY"), requests("DOWN"), requests("SLOW")]).toEqual([2, 2, 3, 3]);
    expect([requests("DENIED"), requests("MAL"), requests("HTML")]).toEqual([1, 1, 1]);
    // The log tells the story symbol by symbol.
    const notFetched = lines.filter((l) => l.message === "Quote not fetched").map((l) => l.extra.symbol);
    expect(notFetched.sort()).toEqual(["DENIED", "DOWN", "HTML", "MAL", "SLOW"]);
    const retried = lines.filter((l) => l.message === "Quote fetched after retries");
    expect(retried.map((l) => [l.extra.symbol, l.extra.attempts]).sort()).toEqual([
      ["BUSY", 2],
      ["RATE", 2],
    ]);
    expect(lines.some((l) => l.level === "ERROR" && /API key is invalid/.test(l.message))).toBe(true);
    expect(lines.find((l) => l.message === "Ingestion finished")?.extra).toMatchObject({
      written: 4,
      failed: 5,
    });
  });
});
