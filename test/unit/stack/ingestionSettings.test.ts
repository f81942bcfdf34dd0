import { describe, expect, it } from "vitest";
import { planForConfig, planIngestion } from "../../../src/core/ingestionModel.js";
import { readIngestionSettings } from "../../../src/lambdas/ingestion/settings.js";
import { CONFIG_FIELDS, defaultStackConfig, parseStackConfig } from "../../../src/stack/config.js";
import { configFlagHelp } from "../../../src/stack/configHelp.js";
import { ingestionEnvironment } from "../../../src/stack/lambdaEnvironment.js";

const refs = { streamName: "quotes", apiKeySecretArn: "arn:aws:secretsmanager:eu-central-1:1:secret:k" };

describe("the Bavest API version, currency and request timeout as stack settings", () => {
  it("default to v0, USD and 10 s, and reach the ingestion function through its environment", () => {
    const config = defaultStackConfig();
    expect(config.ingestion).toMatchObject({ apiVersion: "v0", currency: "USD", requestTimeoutSeconds: 10 });
    const env = ingestionEnvironment(config, refs);
    expect(env).toMatchObject({
      BAVEST_API_VERSION: "v0",
      BAVEST_CURRENCY: "USD",
      BAVEST_TIMEOUT_MS: "10000",
    });
    const settings = readIngestionSettings({ ...(env as Record<string, string>), BAVEST_API_KEY: "k" });
    expect(settings).toMatchObject({ apiVersion: "v0", currency: "USD", timeoutMs: 10_000 });
  });

  it("carry what configure set, and refuse a currency outside the list naming the flag", () => {
    const config = parseStackConfig({
      [CONFIG_FIELDS.apiVersion.key]: "v2",
      [CONFIG_FIELDS.currency.key]: "eur",
      [CONFIG_FIELDS.bavestTimeoutSeconds.key]: "25",
    });
    expect(ingestionEnvironment(config, refs)).toMatchObject({
      BAVEST_API_VERSION: "v2",
      BAVEST_CURRENCY: "EUR",
      BAVEST_TIMEOUT_MS: "25000",
    });
    expect(() => parseStackConfig({ [CONFIG_FIELDS.currency.key]: "EURO" })).toThrow(/ISO 4217/);
    expect(() => parseStackConfig({ [CONFIG_FIELDS.apiVersion.key]: "v1" })).toThrow(/v0, v2/);
    expect(() =>
      readIngestionSettings({
        ...refs,
        KINESIS_STREAM_NAME: "q",
        BAVEST_API_URL: "https://x/v0",
        BAVEST_CURRENCY: "XXX",
      }),
    ).toThrow("BAVEST_CURRENCY");
  });

  it("are documented by configure --help", () => {
    expect(configFlagHelp("apiVersion")).toContain("allowed: v0 or v2; default: v0");
    expect(configFlagHelp("currency")).toContain("default: USD");
    expect(configFlagHelp("bavestTimeoutSeconds")).toContain("default: 10 seconds");
  });
});

describe("slice sizing with the request timeout", () => {
  const symbols = Array.from({ length: 3_000 }, (_, i) => `S${i}`);

  it("leaves room for the last request to time out: a longer timeout means more, smaller slices", () => {
    const base = { symbols, requestsPerSecond: 1_000, timeoutSeconds: 60, latencyMs: 250 };
    const short = planIngestion({ ...base, requestTimeoutSeconds: 5 });
    const long = planIngestion({ ...base, requestTimeoutSeconds: 40 });
    expect(long.slices.length).toBeGreaterThan(short.slices.length);
    // Each slice's requests, at its latency, fit before the timeout's share minus one request timeout.
    for (const [plan, timeout] of [
      [short, 5],
      [long, 40],
    ] as const) {
      const largest = Math.max(...plan.slices.map((slice) => slice.length));
      expect((largest * 250) / 8 / 1000).toBeLessThanOrEqual(60 * 0.8 - timeout);
    }
  });

  it("counts two requests a symbol on v2, so a v2 run takes twice the rate's time", () => {
    const config = { ...defaultStackConfig(), symbols: symbols.slice(0, 100) };
    const v0 = planForConfig(config);
    const v2 = planForConfig({ ...config, ingestion: { ...config.ingestion, apiVersion: "v2" } });
    expect(v2.secondsPerRun).toBeCloseTo(v0.secondsPerRun * 2);
  });
});
