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
 * What the IAM-enabled user may do: the stack's own keys (`<prefix>:*`; no `&` rule, so no pub/sub
 * channels under Redis 7's default `acl-pubsub-default resetchannels`) and
 * the commands the processing function (its store scripts, which Redis checks command by
 * command) and the CLI's readers (inspect, watch, status, replay --wait) use, nothing else. No
 * dangerous command (FLUSHALL, KEYS, CONFIG, ...) but INFO, which the client's ready check and
 * status ask. ElastiCache takes Redis ACL rules here, without passwords or `reset`:
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html
 */
export function appUserAccessString(keyPrefix: string): string {
  return `on ~${keyPrefix}:* -@all +@read +@write +@scripting +@connection -@dangerous +info`;
}
