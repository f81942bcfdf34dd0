import { Redis } from "ioredis";
import { IAM_CONNECTION_LIFETIME_SECONDS, IAM_TOKEN_LIFETIME_SECONDS } from "../shared/iamAuthToken.js";
import type { RedisSettings } from "./settings.js";

/**
 * A Redis client for the processing function: auto-pipelined, TLS when set, and bounded
 * connect/command timeouts so a dead Redis fails the batch in seconds instead of hanging until
 * the Lambda timeout. Created once per container. One way to sign in: the user name (when set)
 * and its password, sent with HELLO/AUTH on every (re)connect; the IAM session swaps the
 * password for a fresh token.
 */
export function createRedisClient(settings: RedisSettings): Redis {
  return new Redis({
    host: settings.host,
    port: settings.port,
    username: settings.username,
    password: settings.authToken,
    // No CLIENT SETINFO on connect: the cache's user is granted no CLIENT command (cacheSettings.ts).
    disableClientInfo: true,
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

/** A client and what keeps its credentials fresh; call `refresh()` before each batch. */
export interface RedisSession {
  redis: Redis;
  refresh(): Promise<void>;
}

/** Sign a new token this long before the old one expires (15 minutes), so reconnects use a valid one. */
const TOKEN_REFRESH_AFTER_MS = (IAM_TOKEN_LIFETIME_SECONDS - 300) * 1000;
/** Re-authenticate this long before ElastiCache closes an IAM connection (12 hours). */
const REAUTH_AFTER_MS = (IAM_CONNECTION_LIFETIME_SECONDS - 3600) * 1000;

export interface IamSessionDeps {
  /** Signs a token for the user at this time (signIamAuthToken with the role's credentials). */
  sign: (now: Date) => Promise<string>;
  now?: () => Date;
}

/**
 * A client that authenticates as an IAM-enabled ElastiCache user. Lambda freezes timers between
 * invocations, so nothing runs in the background: `refresh()`, called before each batch, signs
 * a fresh token once the current one is 10 minutes old (every reconnect then presents a valid
 * one) and re-sends AUTH on a connection nearing ElastiCache's 12 hours, which prolongs it.
 */
export function createIamRedisSession(settings: RedisSettings, deps: IamSessionDeps): RedisSession {
  const userId = settings.iam?.userId;
  if (!userId) throw new Error("IAM authentication needs REDIS_USER (the IAM-enabled ElastiCache user).");
  const now = deps.now ?? (() => new Date());
  const redis = createRedisClient({ ...settings, username: userId, authToken: undefined });
  let signedAt = Number.NEGATIVE_INFINITY;
  let authenticatedAt = Number.NEGATIVE_INFINITY;
  redis.on("ready", () => {
    authenticatedAt = now().getTime();
  });
  const freshToken = async (at: number): Promise<string> => {
    const token = await deps.sign(new Date(at));
    // The password createRedisClient's client sends with the user on every (re)connect.
    redis.options.password = token;
    signedAt = at;
    return token;
  };
  return {
    redis,
    async refresh() {
      const at = now().getTime();
      if (at - signedAt >= TOKEN_REFRESH_AFTER_MS) await freshToken(at);
      if (redis.status === "ready" && at - authenticatedAt >= REAUTH_AFTER_MS) {
        const token = at - signedAt === 0 ? String(redis.options.password) : await freshToken(at);
        await redis.auth(userId, token);
        authenticatedAt = at;
      }
    },
  };
}
