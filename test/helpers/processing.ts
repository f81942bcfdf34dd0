import type { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { DEFAULT_THRESHOLDS } from "../../src/core/signal.js";
import { createProcessingHandler, type ProcessingHandler } from "../../src/lambdas/processing/handler.js";
import { createRedisClient } from "../../src/lambdas/processing/redisClient.js";
import type { ProcessingSettings } from "../../src/lambdas/processing/settings.js";
import { type RedisServerHandle, startRedis } from "./redis.js";

/** The processing function's settings as deployed by default; override what a test is about. */
export function processingSettings(overrides: Partial<ProcessingSettings> = {}): ProcessingSettings {
  return {
    keyPrefix: "bavest",
    retentionSeconds: 604_800,
    rejectedCap: 1000,
    thresholds: { ...DEFAULT_THRESHOLDS },
    ...overrides,
  };
}

/**
 * The processing handler against a plain (no TLS, no password) Redis on 127.0.0.1:port, logging
 * nothing, and the Redis client it uses.
 */
export function localProcessing(
  port: number,
  options: { connectTimeoutMs: number; commandTimeoutMs: number; settings?: ProcessingSettings },
): { redis: Redis; handle: ProcessingHandler } {
  const { connectTimeoutMs, commandTimeoutMs } = options;
  const redis = createRedisClient({
    host: "127.0.0.1",
    port,
    tls: false,
    connectTimeoutMs,
    commandTimeoutMs,
  });
  const handle = createProcessingHandler({
    redis,
    logger: { info() {}, warn() {}, error() {} },
    settings: options.settings ?? processingSettings(),
  });
  return { redis, handle };
}

/**
 * The suite-wide setup of the processing tests: a redis-server of their own for the whole file,
 * the handler against it (handed to `ready`), and an empty database before each test.
 */
export function useLocalProcessing(
  options: { connectTimeoutMs: number; commandTimeoutMs: number; settings?: ProcessingSettings },
  ready: (local: { redis: Redis; handle: ProcessingHandler }) => void,
): void {
  let server: RedisServerHandle | undefined;
  let redis: Redis | undefined;
  beforeAll(async () => {
    server = await startRedis();
    const local = localProcessing(server.port, options);
    redis = local.redis;
    ready(local);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });
  beforeEach(async () => {
    await redis?.flushall();
  });
}
