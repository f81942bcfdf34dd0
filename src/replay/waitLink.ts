import type { Redis } from "ioredis";
import type { Output } from "../lib/output.js";
import { deadLetterMetaFile } from "../local/mapping/deadLetter.js";
import type { CloudRedisResolver } from "../targets/redisTarget.js";
import type { WaitLink } from "./wait.js";

export interface WaitLinkOptions {
  local: boolean;
  stack: string;
  env: NodeJS.ProcessEnv;
  output: Output;
}

export interface WaitLinkDeps {
  /** The stack's Redis through the tunnel (the same path `inspect --stack` takes). */
  cloudRedis?: CloudRedisResolver;
}

/**
 * The pipeline's Redis for `replay --wait`: locally the redis-server `dev` runs and its
 * dead-letter side file; for a stack its Redis through a tunnel, closed with the link.
 */
export async function openWaitLink(options: WaitLinkOptions, deps: WaitLinkDeps = {}): Promise<WaitLink> {
  const [{ resolveRedisTarget }, { connectRedis }, { redisKeys }, { redisProbe }] = await Promise.all([
    import("../targets/redisTarget.js"),
    import("../targets/connect.js"),
    import("../core/redisKeys.js"),
    import("./probe.js"),
  ]);
  const cloud = deps.cloudRedis ?? (options.local ? undefined : await realCloudRedis(options.output));
  const target = await resolveRedisTarget(
    { local: options.local, stack: options.stack, env: options.env },
    cloud ? { cloud } : {},
  );
  let redis: Redis;
  try {
    redis = await connectRedis(target);
  } catch (error) {
    await target.close?.();
    throw error;
  }
  const metaFile = options.local ? await localDeadLetterMeta(options.env) : undefined;
  const keys = redisKeys(target.prefix);
  return {
    probe: redisProbe(redis, keys, metaFile),
    keys,
    async close() {
      redis.disconnect();
      await target.close?.();
    },
  };
}

async function localDeadLetterMeta(env: NodeJS.ProcessEnv): Promise<string> {
  const { readLocalPipelineRecord } = await import("../local/state.js");
  return deadLetterMetaFile((await readLocalPipelineRecord(env)).deadLetterFile);
}

async function realCloudRedis(output: Output): Promise<CloudRedisResolver> {
  const { cloudRedisTarget } = await import("../cloud/targets.js");
  return cloudRedisTarget(output, { interactive: process.stdin.isTTY === true });
}
