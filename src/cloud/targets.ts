import { STACK_OUTPUTS } from "../core/stackOutputs.js";
import type { Output } from "../lib/output.js";
import { parseStackConfig, type StackConfig } from "../stack/config.js";
import { CONFIG_FIELDS } from "../stack/configFields.js";
import { flatConfig } from "../stack/engine/stackInputs.js";
import type { CloudRedisResolver, RedisTarget } from "../targets/redisTarget.js";
import type { ReplayTarget } from "../targets/streamTarget.js";
import { requireOutput } from "./outputs.js";
import { describeShardCount } from "./pacing.js";
import type { RedisCredentialDeps } from "./redisCredentials.js";
import type { ResolverOptions } from "./resolvers.js";
import { loadStackAccess, type StackAccess } from "./stackAccess.js";
import type { StackRedisReach } from "./stackRedis.js";

/**
 * Cloud answers for the `--stack` side of replay, inspect and tunnel: the stack's outputs
 * through the Automation API, Redis through a Session Manager tunnel.
 */

/** For `replay --stack X`: the stream, its region and its shard count (for pacing). */
export function cloudReplayTarget(options: ResolverOptions = {}) {
  return async (stack: string, env: NodeJS.ProcessEnv): Promise<ReplayTarget> => {
    const { outputs, region: known } = await loadStackAccess(stack, env, {
      ...options,
      localAlternative: true,
    });
    const streamName = requireOutput(outputs, STACK_OUTPUTS.kinesisStreamName, stack);
    const region = known ?? "us-east-1";
    const shards = await describeShardCount(streamName, region);
    return { streamName, region, shards, description: `stack "${stack}"` };
  };
}

/** For `tunnel --stack X`: the stack's access, read through the Automation API. */
export function cloudStackAccess(options: ResolverOptions = {}) {
  return (stack: string, env: NodeJS.ProcessEnv): Promise<StackAccess> =>
    loadStackAccess(stack, env, options);
}

/** What `cloudRedisTarget` reaches AWS with; real SSM and EC2 clients unless handed in. */
export interface CloudRedisDeps extends StackRedisReach {
  credentials?: RedisCredentialDeps;
}

/**
 * For `inspect --stack X`: opens the tunnel (openStackTunnel, as status and tunnel do) and
 * answers with a Redis target on its local end; `close` ends the tunnel.
 */
export function cloudRedisTarget(
  output: Output,
  options: ResolverOptions = {},
  deps: CloudRedisDeps = {},
): CloudRedisResolver {
  return async (stack, env): Promise<RedisTarget> => {
    const { openStackTunnel } = await import("./stackRedis.js");
    const access = await loadStackAccess(stack, env, {
      ...options,
      localAlternative: true,
      credentials: deps.credentials,
    });
    const tunnel = await openStackTunnel(access, { output, env }, deps);
    const { host, port, tls, username, password } = tunnel.redisOptions;
    return {
      url: `redis://${host}:${port}`,
      redisOptions: { tls, username, password },
      // The first connection uses the token signed above; a later one (a reconnect) signs anew.
      freshCredentials: signedAfter(tunnel.credentials, access.redisCredentials),
      prefix: access.keyPrefix,
      ...retentionOf(access.config),
      ...thresholdsOf(access.config),
      description: `stack "${stack}" (through the tunnel to ${tunnel.target.redisHost})`,
      close: () => tunnel.connection.close(),
    };
  };
}

/** `first` for the first connection, then fresh credentials for every later one. */
function signedAfter(
  first: { username: string; password: string },
  sign: () => Promise<{ username: string; password: string }>,
): () => Promise<{ username: string; password: string }> {
  let used = false;
  return async () => {
    if (!used) {
      used = true;
      return first;
    }
    return sign();
  };
}

/** The stack's history retention (`historyRetentionDays`), for `replay --wait`'s stale count. */
function retentionOf(config: StackAccess["config"]): { retentionSeconds?: number } {
  const days = Number(config[CONFIG_FIELDS.historyRetentionDays.key]?.value);
  return Number.isFinite(days) && days > 0 ? { retentionSeconds: days * 86_400 } : {};
}

/** The stack's P/E thresholds (the console draws its bands from them); none when the config is invalid. */
function thresholdsOf(config: StackAccess["config"]): { thresholds?: StackConfig["thresholds"] } {
  try {
    return { thresholds: parseStackConfig(flatConfig(config)).thresholds };
  } catch {
    return {};
  }
}
