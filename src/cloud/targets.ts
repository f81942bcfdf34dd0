import type { CloudRedisResolver, RedisTarget } from "../inspect/target.js";
import type { Output } from "../lib/output.js";
import type { ReplayTarget } from "../replay/target.js";
import type { TunnelDeps } from "../tunnel/openTunnel.js";
import type { TunnelTarget } from "../tunnel/types.js";
import { requireOutput, stackRegion } from "./outputs.js";
import { describeShardCount } from "./pacing.js";
import type { ResolverOptions } from "./resolvers.js";
import { loadStackAccess } from "./stackAccess.js";

/**
 * Cloud answers for the `--stack` side of replay, inspect and tunnel: the stack's outputs
 * through the Automation API, Redis through a Session Manager tunnel.
 */

/** For `replay --stack X`: the stream, its region and its shard count (for pacing). */
export function cloudReplayTarget(options: ResolverOptions = {}) {
  return async (stack: string, env: NodeJS.ProcessEnv): Promise<ReplayTarget> => {
    const { outputs } = await loadStackAccess(stack, env, { ...options, localAlternative: true });
    const streamName = requireOutput(outputs, "kinesis_stream_name", stack);
    const region = stackRegion(outputs, env) ?? "us-east-1";
    const shards = await describeShardCount(streamName, region);
    return { streamName, region, shards, description: `stack "${stack}"` };
  };
}

/** For `tunnel --stack X`: the bastion, the Redis endpoint and the AUTH token. */
export function cloudTunnelTarget(options: ResolverOptions = {}) {
  return async (stack: string, env: NodeJS.ProcessEnv): Promise<TunnelTarget> => {
    const { tunnelTargetFromOutputs } = await import("../tunnel/target.js");
    const access = await loadStackAccess(stack, env, options);
    return tunnelTargetFromOutputs(stack, access.outputs, access.authToken);
  };
}

/**
 * For `inspect --stack X` (and `status`): opens a tunnel and answers with a Redis target on
 * its local end, TLS checked against the ElastiCache name; `close` ends the tunnel.
 */
export function cloudRedisTarget(
  output: Output,
  options: ResolverOptions = {},
  deps: CloudRedisDeps = {},
): CloudRedisResolver {
  return async (stack, env): Promise<RedisTarget> => {
    const [{ tunnelTargetFromOutputs }, { openTunnel }] = await Promise.all([
      import("../tunnel/target.js"),
      import("../tunnel/openTunnel.js"),
    ]);
    const access = await loadStackAccess(stack, env, { ...options, localAlternative: true });
    const target = tunnelTargetFromOutputs(stack, access.outputs, access.authToken);
    const tunnelDeps = await (deps.tunnelDeps ?? awsTunnelDeps)(target.region, output, env);
    const connection = await openTunnel(target, { stack }, tunnelDeps);
    const { host, port, tls, password } = connection.redisOptions;
    return {
      url: `redis://${host}:${port}`,
      redisOptions: { tls: { ...tls, ...(deps.ca ? { ca: deps.ca } : {}) }, password },
      prefix: access.keyPrefix,
      ...retentionOf(access.config),
      description: `stack "${stack}" (through the tunnel to ${target.redisHost})`,
      close: () => connection.close(),
    };
  };
}

/** The stack's history retention (`historyRetentionDays`), for `replay --wait`'s stale count. */
function retentionOf(config: Record<string, { value: string } | undefined>): { retentionSeconds?: number } {
  const days = Number(config["bavest-signals:historyRetentionDays"]?.value);
  return Number.isFinite(days) && days > 0 ? { retentionSeconds: days * 86_400 } : {};
}

/** What `cloudRedisTarget` reaches AWS with; real SSM and EC2 clients unless handed in. */
export interface CloudRedisDeps {
  tunnelDeps?: (region: string, output: Output, env: NodeJS.ProcessEnv) => Promise<TunnelDeps>;
  /** Extra certificate authorities to trust (a private CA; ElastiCache's is public). */
  ca?: string;
}

async function awsTunnelDeps(region: string, output: Output, env: NodeJS.ProcessEnv): Promise<TunnelDeps> {
  const { createAwsTunnelApis } = await import("../tunnel/awsApis.js");
  return { ...(await createAwsTunnelApis(region)), output, env };
}
