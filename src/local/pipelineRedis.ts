import { parseRedisUrl, type RedisTarget } from "./lambdaEnv.js";
import { startLocalRedis } from "./redisServer.js";

/** The Redis the pipeline writes to: one it started (with a PID) or the user's --redis-url. */
export interface PipelineRedis {
  target: RedisTarget;
  url: string;
  pid?: number;
  stop(): Promise<void>;
}

export async function startRedisTarget(redisUrl: string | undefined): Promise<PipelineRedis> {
  if (redisUrl) {
    return { target: parseRedisUrl(redisUrl), url: redisUrl, stop: async () => {} };
  }
  const redis = await startLocalRedis();
  return {
    target: { host: redis.host, port: redis.port, tls: false },
    url: redis.url,
    pid: redis.pid,
    stop: redis.stop,
  };
}
