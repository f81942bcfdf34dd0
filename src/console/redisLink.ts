import type { Redis } from "ioredis";

/**
 * One Redis connection for the console's reads that comes back after an outage: the target's
 * connections fail fast and stay closed (no reconnect loop), so a closed one is replaced by a
 * new one on the next read. Connecting twice at once shares one attempt.
 */
export interface RedisLink {
  /** A ready connection; rejects (naming the target) while Redis cannot be reached. */
  client(): Promise<Redis>;
  close(): void;
}

export function createRedisLink(connect: () => Promise<Redis>): RedisLink {
  let current: Redis | undefined;
  let pending: Promise<Redis> | undefined;
  let closed = false;
  return {
    client() {
      if (closed) return Promise.reject(new Error("the console is stopping"));
      if (current?.status === "ready") return Promise.resolve(current);
      if (pending) return pending;
      current?.disconnect();
      current = undefined;
      pending = connect()
        .then((redis) => {
          if (closed) redis.disconnect();
          current = redis;
          return redis;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
    close() {
      closed = true;
      current?.disconnect();
    },
  };
}
