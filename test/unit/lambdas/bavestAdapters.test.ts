import { describe, expect, it } from "vitest";
import { readV0Quote, readV2Eps, readV2Quote, secondsOf } from "../../../src/lambdas/ingestion/adapters.js";
import { errorInBody } from "../../../src/lambdas/ingestion/answerShape.js";
import { BAVEST_ENDPOINTS, endpointUrl, quoteUrl } from "../../../src/lambdas/ingestion/bavestApi.js";

/** A v0 quote as Bavest's SDK models show it (Bavest/dart-sdk quote.dart, python-sdk quote.py). */
const V0_BODY = {
  c: 189.84,
  d: 1.27,
  dp: 0.6735,
  h: 190.32,
  l: 187.92,
  o: 188.15,
  pc: 188.57,
  t: 1763650800,
  v: 48211022,
  historical_price: { day: 188.57, "50days": 182.11, "200days": 176.4 },
  metrics: { marketCapitalization: 2.93e12, avgVolume: 55012311, eps: 6.43, "pe/ratio": 29.52 },
  exchange: "NASDAQ",
  earningsAnnouncement: "2027-01-29T21:30:00.000Z",
};

/** A v2 quote as StockSharp/Connectors BavestModels.cs reads it, wrapped as Bavest's changelog says. */
const V2_BODY = {
  data: {
    currentPrice: 189.84,
    open: 188.15,
    high: 190.32,
    low: 187.92,
    previousClose: 188.57,
    change: 1.27,
    changePercent: 0.6735,
    timestamp: 1763650800000,
    volume: 48211022,
    currency: "USD",
  },
};

describe("the v0 adapter", () => {
  it("keeps the quote unchanged, adding only the currency it was asked in when absent", () => {
    expect(readV0Quote(V0_BODY, "USD")).toEqual({ ok: true, value: { ...V0_BODY, currency: "USD" } });
    expect(readV0Quote({ ...V0_BODY, currency: "EUR" }, "USD")).toMatchObject({ value: { currency: "EUR" } });
  });

  it("takes a numeric-string price but refuses a body without price or time", () => {
    expect(readV0Quote({ ...V0_BODY, c: "189.84" }, "USD").ok).toBe(true);
    expect(readV0Quote({ ...V0_BODY, c: 0 }, "USD")).toMatchObject({ ok: false });
    expect(readV0Quote({ ...V0_BODY, t: undefined }, "USD")).toMatchObject({
      ok: false,
      reason: /t is missing/,
    });
    expect(readV0Quote([V0_BODY], "USD")).toMatchObject({ ok: false });
  });
});

describe("the v2 adapter", () => {
  it("maps the camelCase fields onto c d dp h l o pc t v currency, the timestamp in seconds", () => {
    expect(readV2Quote(V2_BODY, "USD")).toEqual({
      ok: true,
      value: {
        c: 189.84,
        d: 1.27,
        dp: 0.6735,
        h: 190.32,
        l: 187.92,
        o: 188.15,
        pc: 188.57,
        t: 1763650800,
        v: 48211022,
        currency: "USD",
      },
    });
  });

  it("checks the timestamp's unit: seconds stay, milliseconds and ISO text become seconds", () => {
    expect(secondsOf(1763650800)).toBe(1763650800);
    expect(secondsOf(1763650800123)).toBe(1763650800);
    expect(secondsOf("2025-11-20T15:00:00Z")).toBe(1763650800);
  });

  it("refuses an answer without the data wrapper or without a price", () => {
    expect(readV2Quote(V2_BODY.data, "USD")).toMatchObject({ ok: false, reason: /no "data"/ });
    expect(readV2Quote({ data: { ...V2_BODY.data, currentPrice: null } }, "USD")).toMatchObject({
      ok: false,
    });
  });

  it("finds EPS in a typed metrics array, a flat record or a list of periods; none is not an error", () => {
    expect(
      readV2Eps({
        data: {
          metrics: [
            { name: "peRatio", value: 29 },
            { name: "eps", value: 6.43 },
          ],
        },
      }),
    ).toEqual({ ok: true, value: 6.43 });
    expect(readV2Eps({ data: { epsTTM: "6.43" } })).toEqual({ ok: true, value: "6.43" });
    expect(
      readV2Eps({
        data: [
          { period: "2026-Q3", eps: 6.5 },
          { period: "2026-Q2", eps: 6.1 },
        ],
      }),
    ).toEqual({ ok: true, value: 6.5 });
    expect(readV2Eps({ data: [] })).toEqual({ ok: true, value: undefined });
    expect(readV2Eps({ metrics: [] })).toMatchObject({ ok: false });
  });
});

describe("error bodies, whatever the status (Bavest/python-sdk bavest/errors.py)", () => {
  it("tells a bad query from an upstream failure, and reads API Gateway's and v2's shapes", () => {
    expect(errorInBody({ statusCode: 400, body: "Invalid query" })).toEqual({
      message: "statusCode 400: Invalid query",
      transient: false,
    });
    expect(errorInBody({ statusCode: 503, body: "down" })).toMatchObject({ transient: true });
    expect(
      errorInBody({
        errorMessage: "Task timed out after 6.01 seconds",
        errorType: "TimeoutError",
        requestId: "r",
        stackTrace: [],
      }),
    ).toEqual({ message: "TimeoutError: Task timed out after 6.01 seconds", transient: true });
    expect(errorInBody({ message: "Forbidden" })).toEqual({
      message: "message: Forbidden",
      transient: false,
    });
    expect(errorInBody({ message: "Endpoint request timed out" })).toMatchObject({ transient: true });
    expect(
      errorInBody({ status: "ERROR", error: { code: "NOT_FOUND", message: "unknown symbol" } }),
    ).toMatchObject({ message: "error: unknown symbol", transient: false });
    expect(errorInBody(V0_BODY)).toBeNull();
    expect(errorInBody(V2_BODY)).toBeNull();
  });
});

describe("the paths of each version", () => {
  it("replace the base URL's version and never double a slash; an unversioned base is kept", () => {
    expect(quoteUrl("https://api.bavest.co/v0/")).toBe("https://api.bavest.co/v0/quote");
    expect(quoteUrl("https://api.bavest.co/v2")).toBe("https://api.bavest.co/v0/quote");
    expect(endpointUrl("https://api.bavest.co/v0", "v2", BAVEST_ENDPOINTS.v2.quote)).toBe(
      "https://api.bavest.co/v2/timeseries/quote",
    );
    expect(endpointUrl("https://proxy.example/bavest", "v2", BAVEST_ENDPOINTS.v2.metrics)).toBe(
      "https://proxy.example/bavest/equities/metrics",
    );
    expect(quoteUrl("https://proxy.example/bavest")).toBe("https://proxy.example/bavest/quote");
  });

  it("say for every path where it comes from and whether Bavest itself shows it", () => {
    const all = [...Object.values(BAVEST_ENDPOINTS.v0), ...Object.values(BAVEST_ENDPOINTS.v2)];
    for (const spec of all) expect(spec.source.length).toBeGreaterThan(10);
    expect(BAVEST_ENDPOINTS.v0.quote.confirmedByBavest).toBe(true);
    expect(BAVEST_ENDPOINTS.v2.quote.confirmedByBavest).toBe(false);
  });
});
