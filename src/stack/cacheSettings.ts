/**
 * What the cache is and how clients authenticate to it, without loading the Pulumi SDK (the
 * rules and `configure` use it too).
 *
 * IAM authentication (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html):
 * Valkey 7.2+ or Redis OSS 7.0+, in-transit encryption on, and for an IAM-enabled user the
 * user id and the user name must be the same.
 */
export const CACHE_ENGINE: "redis" | "valkey" = "redis";
export const CACHE_ENGINE_VERSION = "7.1";
/** The parameter group family of CACHE_ENGINE_VERSION; the cache's own group derives from it. */
export const CACHE_PARAMETER_FAMILY = "redis7";

/**
 * Every command the cache's user is granted, by who sends it; nothing else (no SCAN, KEYS,
 * RANDOMKEY, SELECT, FLUSH*, CONFIG, FUNCTION, SCRIPT, CLIENT, MONITOR, PUBLISH, DEL, ...).
 * Found in the code (the store scripts' `redis.call`s, every Redis call of src/) and confirmed
 * with INFO commandstats on a real redis-server (test/integration/redis-acl.test.ts).
 * AUTH and HELLO need no grant: Redis lets every user authenticate.
 */
export const CACHE_USER_COMMANDS = {
  /** The processing function: its store scripts (EVALSHA; EVAL once per new connection, after NOSCRIPT). */
  processingScripts: ["evalsha", "eval"],
  /** What those scripts call: Redis checks each call against the user's ACL. */
  insideScripts: ["get", "set", "zrange", "zadd", "zremrangebyscore", "sadd", "xadd", "lpush", "ltrim"],
  /** The readers: inspect (all, one symbol, --rejected, --changes), watch, status, replay --wait. */
  readers: [
    "get",
    "mget",
    "smembers",
    "srandmember",
    "scard",
    "zrevrange",
    "lrange",
    "xrevrange",
    "xread",
    "dbsize",
  ],
  /** The client's ready check on every connect, and status's memory figures. */
  server: ["info"],
} as const;

/** The granted commands, each once, in a stable order. */
export function cacheUserCommands(): string[] {
  return [...new Set(Object.values(CACHE_USER_COMMANDS).flat())].sort();
}

/**
 * What the IAM-enabled user may do: the stack's own keys (`<prefix>:*`; no `&` rule, so no pub/sub
 * channels under Redis 7's default `acl-pubsub-default resetchannels`) with exactly the commands
 * of CACHE_USER_COMMANDS, granted one by one after `-@all`; categories would let in commands
 * nobody here sends (`+@read` brings SCAN and RANDOMKEY, which name keys outside the prefix;
 * `+@scripting` FUNCTION and SCRIPT FLUSH; `+@connection` SELECT). ElastiCache takes Redis ACL
 * rules here (`on`/`off`, `~pattern`, `+command`, `+@category`, `-...`; from Redis OSS 7.0 also
 * `%R~`/`%W~` key patterns, selectors and `|` subcommands), without passwords or `reset`:
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html#Access-string
 * No `%R~`/`%W~`: one user both writes (the function) and reads (the CLI) every key of the prefix.
 * No `-select`: `-@all` already leaves SELECT out.
 */
export function appUserAccessString(keyPrefix: string): string {
  const grants = cacheUserCommands().map((command) => `+${command}`);
  return ["on", `~${keyPrefix}:*`, "-@all", ...grants].join(" ");
}
