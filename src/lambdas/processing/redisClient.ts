import { Redis } from "ioredis";
import type { RedisSettings } from "./settings.js";

/**
 * A Redis client for the processing function: auto-pipelined, TLS and AUTH token when set, and
 * bounded connect/command timeouts so a dead Redis fails the batch in seconds instead of hanging
 * until the Lambda timeout. Created once per container.
 */
export function createRedisClient(settings: RedisSettings): Redis {
  return new Redis({
    host: settings.host,
    port: settings.port,
    password: settings.authToken,
    tls: settings.tls ? { servername: settings.host } : undefined,
    enableAutoPipelining: true,
    connectTimeout: settings.connectTimeoutMs,
    commandTimeout: settings.commandTimeoutMs,
    // Fail queued commands after one reconnect attempt; Kinesis retries the batch.
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 200, 1_000),
    lazyConnect: true,
  });
}
