import { describe, expect, it } from "vitest";
import { apiKeyFromSecret, createApiKeyProvider } from "../../../src/lambdas/ingestion/apiKey.js";
import { quoteUrl } from "../../../src/lambdas/ingestion/bavestClient.js";
import {
  parseSymbols,
  readApiKeySource,
  readIngestionSettings,
} from "../../../src/lambdas/ingestion/settings.js";
import { readProcessingSettings, readRedisSettings } from "../../../src/lambdas/processing/settings.js";

const ingestionEnv = {
  KINESIS_STREAM_NAME: "quotes",
  BAVEST_API_URL: "https://api.bavest.co/v0",
  BAVEST_API_KEY: "k",
  SYMBOLS: " aapl, MSFT ,,aapl",
};

describe("ingestion settings", () => {
  it("normalises and de-duplicates the watchlist", () => {
    expect(readIngestionSettings(ingestionEnv).symbols).toEqual(["AAPL", "MSFT"]);
  });

  it.each([
    ["KINESIS_STREAM_NAME", { ...ingestionEnv, KINESIS_STREAM_NAME: "" }],
    ["BAVEST_API_URL", { ...ingestionEnv, BAVEST_API_URL: undefined }],
    ["BAVEST_API_URL", { ...ingestionEnv, BAVEST_API_URL: "api.bavest.co" }],
    ["SYMBOLS", { ...ingestionEnv, SYMBOLS: " , " }],
    ["BAVEST_TIMEOUT_MS", { ...ingestionEnv, BAVEST_TIMEOUT_MS: "soon" }],
  ])("names %s when it is missing or wrong", (name, env) => {
    expect(() => readIngestionSettings(env)).toThrow(name);
  });

  it("names an invalid symbol of the watchlist", () => {
    expect(() => parseSymbols("AAPL,not valid")).toThrow('SYMBOLS contains "not valid"');
  });

  it("prefers BAVEST_API_KEY over the secret and needs one of them", () => {
    expect(readApiKeySource({ BAVEST_API_KEY: "k", BAVEST_API_KEY_SECRET_ARN: "arn" })).toEqual({
      apiKey: "k",
    });
    expect(readApiKeySource({ BAVEST_API_KEY_SECRET_ARN: "arn" })).toEqual({ secretArn: "arn" });
    expect(() => readApiKeySource({})).toThrow(/BAVEST_API_KEY or BAVEST_API_KEY_SECRET_ARN/);
  });

  it("joins the quote path without a double slash", () => {
    expect(quoteUrl("https://api.bavest.co/v0/")).toBe("https://api.bavest.co/v0/quote");
    expect(quoteUrl("https://api.bavest.co/v0")).toBe("https://api.bavest.co/v0/quote");
  });
});

describe("API key from Secrets Manager", () => {
  it("fetches the secret once per container", async () => {
    let reads = 0;
    const provider = createApiKeyProvider({ secretArn: "arn:secret" }, async () => {
      reads += 1;
      return '{"apiKey":"from-secret"}';
    });
    expect(await provider()).toBe("from-secret");
    expect(await provider()).toBe("from-secret");
    expect(reads).toBe(1);
  });

  it("tries again after a failed fetch", async () => {
    let reads = 0;
    const provider = createApiKeyProvider({ secretArn: "arn:secret" }, async () => {
      reads += 1;
      if (reads === 1) throw new Error("throttled");
      return "plain-key";
    });
    await expect(provider()).rejects.toThrow("throttled");
    expect(await provider()).toBe("plain-key");
  });

  it("reads a plain secret or a JSON one, and names the secret when the JSON has no key", () => {
    expect(apiKeyFromSecret(" raw \n", "arn")).toBe("raw");
    expect(apiKeyFromSecret('{"BAVEST_API_KEY":"x"}', "arn")).toBe("x");
    expect(() => apiKeyFromSecret('{"other":"x"}', "arn:s")).toThrow(/Secret arn:s is JSON without/);
  });
});

describe("processing settings", () => {
  it("uses the contract defaults", () => {
    expect(readProcessingSettings({})).toMatchObject({
      keyPrefix: "bavest",
      retentionSeconds: 604800,
      rejectedCap: 1000,
    });
    expect(readRedisSettings({ REDIS_HOST: "h" })).toMatchObject({ host: "h", port: 6379, tls: false });
  });

  it("reads thresholds, TLS and the auth token", () => {
    expect(readProcessingSettings({ PE_BUY_BELOW: "12.5" }).thresholds.buyBelow).toBe(12.5);
    expect(readRedisSettings({ REDIS_HOST: "h", REDIS_TLS: "TRUE", REDIS_AUTH_TOKEN: "t" })).toMatchObject({
      tls: true,
      authToken: "t",
    });
  });

  it("signs in as REDIS_USER with REDIS_AUTH_TOKEN as its password, or as the IAM user with REDIS_AUTH=iam", () => {
    expect(readRedisSettings({ REDIS_HOST: "h", REDIS_USER: "app", REDIS_AUTH_TOKEN: "s" })).toMatchObject({
      username: "app",
      authToken: "s",
    });
    expect(readRedisSettings({ REDIS_HOST: "h" })).not.toHaveProperty("username");
    const iam = { REDIS_AUTH: "iam", REDIS_USER: "app", REDIS_CACHE_NAME: "c", AWS_REGION: "eu-central-1" };
    expect(readRedisSettings({ REDIS_HOST: "h", ...iam })).toMatchObject({
      username: "app",
      iam: { userId: "app", cacheName: "c", region: "eu-central-1" },
    });
    expect(readRedisSettings({ REDIS_HOST: "h", ...iam })).not.toHaveProperty("authToken");
  });

  it.each([
    ["REDIS_AUTH_TOKEN", { REDIS_HOST: "h", REDIS_USER: "app" }],
    ["REDIS_HOST", {}],
    ["REDIS_PORT", { REDIS_HOST: "h", REDIS_PORT: "70000" }],
    ["REDIS_TLS", { REDIS_HOST: "h", REDIS_TLS: "yes" }],
  ])("names %s when it is wrong", (name, env) => {
    expect(() => readRedisSettings(env)).toThrow(name);
  });

  it("names a bad threshold or retention", () => {
    expect(() => readProcessingSettings({ PE_HOLD_BELOW: "-1" })).toThrow("PE_HOLD_BELOW");
    expect(() => readProcessingSettings({ HISTORY_RETENTION_SECONDS: "1.5" })).toThrow(
      "HISTORY_RETENTION_SECONDS",
    );
  });
});
