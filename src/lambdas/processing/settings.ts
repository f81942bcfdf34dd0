import { PROCESSING_ENV as NAMES, THRESHOLD_ENV } from "../../core/lambdaEnvNames.js";
import {
  DEFAULT_HISTORY_RETENTION_SECONDS,
  DEFAULT_KEY_PREFIX,
  DEFAULT_REJECTED_CAP,
} from "../../core/redisKeys.js";
import { DEFAULT_THRESHOLDS, type Thresholds } from "../../core/signal.js";

export interface RedisSettings {
  host: string;
  port: number;
  tls: boolean;
  /**
   * The ACL user to sign in as (REDIS_USER): with `authToken` as its password, or with `iam` the
   * IAM-enabled ElastiCache user. Unset: Redis's `default` user.
   */
  username?: string;
  /** A static AUTH token or the user's password (a self-run Redis); never set for ElastiCache, which uses `iam`. */
  authToken?: string;
  /** IAM authentication: the user and the cache its tokens are signed for, and the region. */
  iam?: { userId: string; cacheName: string; region: string };
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

export interface ProcessingSettings {
  keyPrefix: string;
  retentionSeconds: number;
  rejectedCap: number;
  thresholds: Thresholds;
}

type Env = Record<string, string | undefined>;

function numberFrom(
  env: Env,
  name: string,
  fallback: number,
  check: (n: number) => boolean,
  what: string,
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) {
    throw new Error(`Environment variable ${name}="${raw}" is not ${what}.`);
  }
  return value;
}

const positiveInt = (n: number) => Number.isInteger(n) && n > 0;

/** Reads and validates the Redis connection settings; errors name the variable. */
export function readRedisSettings(env: Env): RedisSettings {
  const host = env[NAMES.redisHost]?.trim();
  if (!host)
    throw new Error(`Environment variable ${NAMES.redisHost} is not set (the Redis primary endpoint host).`);
  const tlsRaw = (env[NAMES.redisTls] ?? "false").trim().toLowerCase();
  if (tlsRaw !== "true" && tlsRaw !== "false") {
    throw new Error(
      `Environment variable ${NAMES.redisTls}="${env[NAMES.redisTls]}" must be "true" or "false".`,
    );
  }
  return {
    host,
    port: numberFrom(env, NAMES.redisPort, 6379, (n) => positiveInt(n) && n < 65536, "a port number"),
    tls: tlsRaw === "true",
    ...signInSettings(env),
    connectTimeoutMs: numberFrom(env, NAMES.redisConnectTimeoutMs, 2_000, positiveInt, "a positive integer"),
    commandTimeoutMs: numberFrom(env, NAMES.redisCommandTimeoutMs, 2_000, positiveInt, "a positive integer"),
  };
}

/**
 * Who the function signs in as. `REDIS_AUTH=iam`: REDIS_USER with tokens signed for
 * REDIS_CACHE_NAME in AWS_REGION (set by Lambda). Otherwise REDIS_USER (when set) with
 * REDIS_AUTH_TOKEN as its password, as `dev --redis-url redis://user:secret@host:port` passes them;
 * or only REDIS_AUTH_TOKEN, for Redis's `default` user.
 */
function signInSettings(env: Env): Pick<RedisSettings, "username" | "authToken" | "iam"> {
  const mode = (env[NAMES.redisAuth] ?? "").trim().toLowerCase();
  if (mode === "iam") return iamSettings(env);
  if (mode !== "" && mode !== "none" && mode !== "token")
    throw new Error(
      `Environment variable ${NAMES.redisAuth}="${env[NAMES.redisAuth]}" must be "iam" or unset.`,
    );
  const username = env[NAMES.redisUser]?.trim() || undefined;
  const authToken = env[NAMES.redisAuthToken] || undefined;
  if (username && !authToken)
    throw new Error(
      `Environment variable ${NAMES.redisAuthToken} is not set (the password of ${NAMES.redisUser}="${username}").`,
    );
  return { ...(username ? { username } : {}), ...(authToken ? { authToken } : {}) };
}

/** `REDIS_AUTH=iam`: the IAM-enabled user, signed in with tokens instead of a password. */
function iamSettings(env: Env): Pick<RedisSettings, "username" | "iam"> {
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value)
      throw new Error(`Environment variable ${name} is not set (needed with ${NAMES.redisAuth}=iam).`);
    return value;
  };
  const userId = required(NAMES.redisUser);
  return {
    username: userId,
    iam: {
      userId,
      cacheName: required(NAMES.redisCacheName),
      region: env.AWS_REGION?.trim() || required("AWS_DEFAULT_REGION"),
    },
  };
}

/** Reads the key prefix, history retention, rejected-list cap and P/E thresholds. */
export function readProcessingSettings(env: Env): ProcessingSettings {
  const thresholds = { ...DEFAULT_THRESHOLDS };
  for (const [field, name] of Object.entries(THRESHOLD_ENV) as [keyof Thresholds, string][]) {
    thresholds[field] = numberFrom(env, name, DEFAULT_THRESHOLDS[field], (n) => n > 0, "a positive number");
  }
  return {
    keyPrefix: env[NAMES.keyPrefix]?.trim() || DEFAULT_KEY_PREFIX,
    retentionSeconds: numberFrom(
      env,
      NAMES.historyRetentionSeconds,
      DEFAULT_HISTORY_RETENTION_SECONDS,
      positiveInt,
      "a positive whole number of seconds",
    ),
    rejectedCap: numberFrom(env, NAMES.rejectedCap, DEFAULT_REJECTED_CAP, positiveInt, "a positive integer"),
    thresholds,
  };
}
