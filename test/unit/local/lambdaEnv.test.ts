import { describe, expect, it } from "vitest";
import { readRedisSettings } from "../../../src/lambdas/processing/settings.js";
import { UsageError } from "../../../src/lib/errors.js";
import { parseRedisUrl, processingEnv } from "../../../src/local/pipeline/lambdaEnv.js";

const envFor = (url: string) =>
  processingEnv({
    functionName: "processing",
    region: "us-east-1",
    redis: parseRedisUrl(url),
    keyPrefix: "bavest",
    parent: {},
  });

describe("--redis-url to the processing function's environment", () => {
  it("passes the user and its password on, decoded, and reads back as the same sign-in", () => {
    const env = envFor("redis://bavest%2Dapp:s%40cret@cache.internal:6380");
    expect(env).toMatchObject({
      REDIS_HOST: "cache.internal",
      REDIS_PORT: "6380",
      REDIS_TLS: "false",
      REDIS_USER: "bavest-app",
      REDIS_AUTH_TOKEN: "s@cret",
    });
    expect(readRedisSettings(env)).toMatchObject({ username: "bavest-app", authToken: "s@cret", tls: false });
  });

  it("means TLS for rediss://, and the default user when none is named", () => {
    const env = envFor("rediss://:only-password@cache.internal");
    expect(env).toMatchObject({ REDIS_TLS: "true", REDIS_PORT: "6379", REDIS_AUTH_TOKEN: "only-password" });
    expect(env).not.toHaveProperty("REDIS_USER");
    expect(envFor("redis://127.0.0.1:6379")).not.toHaveProperty("REDIS_AUTH_TOKEN");
  });

  it("refuses a user without a password, naming the flag", () => {
    expect(() => parseRedisUrl("redis://app@127.0.0.1:6379")).toThrow(UsageError);
    expect(() => parseRedisUrl("redis://app@127.0.0.1:6379")).toThrow(/--redis-url .* names the user "app"/);
  });
});
