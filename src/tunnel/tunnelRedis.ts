import type { Redis, RedisOptions } from "ioredis";
import type { TunnelDeps, TunnelOptions } from "./openTunnel.js";
import type { TunnelTarget } from "./types.js";
import { withTunnel } from "./withTunnel.js";

/**
 * Runs `use` with an ioredis client connected through a fresh tunnel (TLS, the certificate
 * checked against the ElastiCache name, AUTH token), then disconnects and closes the tunnel,
 * also when `use` throws or the user presses Ctrl-C.
 */
export async function withTunnelRedis<T>(
  target: TunnelTarget,
  options: Omit<TunnelOptions, "exitOnSignal"> & { redisOptions?: RedisOptions },
  deps: TunnelDeps,
  use: (redis: Redis) => Promise<T>,
): Promise<T> {
  const { Redis: RedisClient } = await import("ioredis");
  return withTunnel(target, options, deps, async (connection) => {
    const redis = new RedisClient({
      ...connection.redisOptions,
      // A broken tunnel should fail the command, not retry for ever.
      maxRetriesPerRequest: 1,
      ...options.redisOptions,
      tls: { ...connection.redisOptions.tls, ...options.redisOptions?.tls },
    });
    // Failed commands reject on their own; the event only needs to reach --verbose.
    redis.on("error", (error: Error) => deps.output.debug(`redis: ${error.message}`));
    // Stop reconnect attempts as soon as the tunnel is gone, whatever the reason.
    void connection.ended.then(() => redis.disconnect());
    try {
      return await use(redis);
    } finally {
      redis.disconnect();
    }
  });
}
