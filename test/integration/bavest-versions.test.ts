import { afterEach, describe, expect, it } from "vitest";
import { fetchQuote, type QuoteClientOptions } from "../../src/lambdas/ingestion/bavestClient.js";
import { probeApiVersion } from "../../src/lambdas/ingestion/probe.js";
import { type FakeBavest, LOCAL_API_KEY, startFakeBavest } from "../../src/local/servers/fakeBavest.js";

let fake: FakeBavest | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const seen: { method: string; url: string; body?: string }[] = [];
const recordingFetch = (async (url: string, init: RequestInit) => {
  seen.push({ method: String(init.method), url: String(url), body: init.body as string | undefined });
  return fetch(url, init);
}) as typeof fetch;

function options(over: Partial<QuoteClientOptions> = {}): QuoteClientOptions {
  return {
    apiUrl: fake?.url ?? "",
    apiKey: LOCAL_API_KEY,
    timeoutMs: 5_000,
    maxAttempts: 3,
    backoff: { baseMs: 1, capMs: 5 },
    maxRetryAfterMs: 10,
    fetch: recordingFetch,
    ...over,
  };
}

describe("the v0 and v2 adapters against the stand-in", () => {
  it("v0: POSTs the symbol with the currency and keeps the quote as it came", async () => {
    fake = await startFakeBavest();
    seen.length = 0;
    const result = await fetchQuote("AAPL", options({ currency: "GBP" }));
    expect(seen).toEqual([
      { method: "POST", url: `${fake.url}/quote`, body: JSON.stringify({ symbol: "AAPL", currency: "GBP" }) },
    ]);
    expect(result).toMatchObject({
      ok: true,
      quote: { currency: "GBP", metrics: { eps: expect.any(Number) } },
    });
  });

  it("v2: GETs the quote and the EPS with query strings and maps them onto the v0 fields", async () => {
    fake = await startFakeBavest({ apiVersions: ["v2"] });
    seen.length = 0;
    const result = await fetchQuote("AAPL", options({ apiVersion: "v2", currency: "USD" }));
    const root = fake.url.replace(/\/v2$/, "");
    expect(seen.map((call) => [call.method, call.url])).toEqual([
      ["GET", `${root}/v2/timeseries/quote?symbol=AAPL&currency=USD`],
      ["GET", `${root}/v2/equities/metrics?symbol=AAPL&currency=USD`],
    ]);
    expect(result.ok).toBe(true);
    const quote = (result as { quote: Record<string, unknown> }).quote;
    expect(quote).toMatchObject({ currency: "USD", metrics: { eps: expect.any(Number) } });
    for (const field of ["c", "d", "dp", "h", "l", "o", "pc", "t"])
      expect(typeof quote[field], field).toBe("number");
    expect(quote.t as number).toBeLessThan(1e11);
  });

  it("v0 against a stand-in whose v0 is switched off fails with the 403 message kept, v2 answers", async () => {
    fake = await startFakeBavest({ apiVersions: ["v2"] });
    const v0 = await fetchQuote("AAPL", options({ apiUrl: fake.url.replace(/v2$/, "v0") }));
    expect(v0).toMatchObject({ ok: false, status: 403 });
    expect((v0 as { reason: string }).reason).toMatch(/^HTTP 403: .*path.*Missing Authentication Token/);
    const probe = await probeApiVersion(fake.url, LOCAL_API_KEY);
    expect(probe.answered).toEqual(["v2"]);
    expect(probe.answers.find((answer) => answer.version === "v0")).toMatchObject({ ok: false, status: 403 });
  });

  it("the probe tells which versions a key answers, and that a missing key answers none", async () => {
    fake = await startFakeBavest();
    expect((await probeApiVersion(fake.url, LOCAL_API_KEY)).answered).toEqual(["v0", "v2"]);
    const none = await probeApiVersion(fake.url, "");
    expect(none.answered).toEqual([]);
    expect(none.answers[0]?.reason).toContain("Forbidden");
  });
});

describe("the request timeout", () => {
  it("gives up on an answer slower than BAVEST_TIMEOUT_MS and says so, on every attempt", async () => {
    fake = await startFakeBavest({ latencyMs: 300 });
    const result = await fetchQuote("AAPL", options({ timeoutMs: 50, maxAttempts: 2 }));
    expect(result).toMatchObject({ ok: false, attempts: 2 });
    expect((result as { reason: string }).reason).toBe("timed out after 50 ms (gave up after 2 attempts)");
    const patient = await fetchQuote("AAPL", options({ timeoutMs: 2_000, maxAttempts: 1 }));
    expect(patient.ok).toBe(true);
  });
});

describe("errors that come back as 200", () => {
  it("a statusCode 400 body is a failed fetch carrying its message, never retried", async () => {
    fake = await startFakeBavest();
    const result = await fetchQuote("ERR.STATUS400", options());
    expect(result).toMatchObject({ ok: false, attempts: 1, status: 200 });
    expect((result as { reason: string }).reason).toMatch(/statusCode 400: .*Invalid query/);
  });

  it("an upstream errorType body is transient: retried, and given up with its message", async () => {
    fake = await startFakeBavest();
    const failed = await fetchQuote("ERR.UPSTREAM", options());
    expect(failed).toMatchObject({ ok: false, attempts: 3 });
    expect((failed as { reason: string }).reason).toMatch(
      /UpstreamError: .*timed out.*gave up after 3 attempts/,
    );
    const flaky = await fetchQuote("ERR.FLAKY", options());
    expect(flaky).toMatchObject({ ok: true, attempts: 2 });
  });

  it("a 2xx object without a price and a time is no quote", async () => {
    fake = await startFakeBavest();
    const result = await fetchQuote("ERR.EMPTY", options());
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect((result as { reason: string }).reason).toMatch(/not a quote: c is/);
  });

  it("a 403 keeps the body's message (a wrong key and a wrong path look alike)", async () => {
    fake = await startFakeBavest();
    const result = await fetchQuote("ERR.FORBIDDEN", options());
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect((result as { reason: string }).reason).toContain("Bavest said: Forbidden");
  });

  it("an unsupported currency is a bad query in a 200, on both versions", async () => {
    fake = await startFakeBavest();
    const v0 = await fetchQuote("AAPL", options({ currency: "ZAR" }));
    const v2 = await fetchQuote("AAPL", options({ currency: "ZAR", apiVersion: "v2" }));
    for (const result of [v0, v2]) {
      expect(result).toMatchObject({ ok: false, attempts: 1 });
      expect((result as { reason: string }).reason).toContain("Unsupported currency ZAR");
    }
  });
});
