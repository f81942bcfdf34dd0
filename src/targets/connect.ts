import type { Redis } from "ioredis";
import { CliError, errorMessage } from "../lib/errors.js";
import type { RedisTarget } from "./redisTarget.js";

/** The URL without its password, for messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * Connects to the target's Redis, failing fast (no reconnect loop) with a message that names
 * the target and what to do. ioredis loads here, not when the command module is imported.
 */
export async function connectRedis(target: RedisTarget, connectTimeoutMs = 3_000): Promise<Redis> {
  const { Redis } = await import("ioredis");
  const fresh = await target.freshCredentials?.();
  const redis = new Redis(target.url, {
    ...target.redisOptions,
    ...(fresh ? { username: fresh.username, password: fresh.password } : {}),
    // No CLIENT SETINFO on connect: the cache's user is granted no CLIENT command (cacheSettings.ts),
    // and Redis 7.2+ would log every reader's connection as a denial.
    disableClientInfo: true,
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  // Errors surface through connect() and the commands; the event would only print them twice.
  // A refused sign-in shows only here: connect() then just says the connection closed.
  let refused: Error | undefined;
  redis.on("error", (error: Error) => {
    if (/WRONGPASS|NOAUTH|NOPERM/.test(error.message)) refused = error;
  });
  try {
    await redis.connect();
  } catch (cause) {
    redis.disconnect();
    const reason = errorMessage(refused ?? cause).replace(/\.+$/, "");
    throw new CliError(
      `Cannot reach the Redis of ${target.description} at ${redactRedisUrl(target.url)}: ${reason}.`,
      {
        hint: refused
          ? `The sign-in was refused: check the user and password (a stack's token is signed anew by running the command again).`
          : target.description === "the local pipeline"
            ? "Is `bavest-signals dev` still running? Start it: bavest-signals dev"
            : `Check the connection to ${target.description}, then run the command again.`,
        cause: refused ?? cause,
      },
    );
  }
  return redis;
}
