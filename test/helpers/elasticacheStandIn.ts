import { Redis } from "ioredis";
import { FAKE_ENDPOINT } from "./fakeSsmPlugin.js";
import { freePort } from "./ports.js";
import { type RedisServerHandle, startRedis } from "./redis.js";
import { makeTlsMaterial } from "./tls.js";

/** A TLS-only redis-server with an AUTH token, its certificate made for the fake ElastiCache name. */
export interface ElastiCacheStandIn {
  server: RedisServerHandle;
  /** The CA that signed the server's certificate (PEM), for clients to trust. */
  ca: string;
  /** A client straight to the server (no tunnel), to seed or check data. */
  directClient(): Redis;
  stop(): Promise<void>;
}

export async function startElastiCacheStandIn(authToken: string): Promise<ElastiCacheStandIn> {
  const tls = makeTlsMaterial(FAKE_ENDPOINT);
  const port = await freePort();
  const server = await startRedis({ port, password: authToken, extraArgs: tls.redisArgs(port) });
  return {
    server,
    ca: tls.ca,
    directClient: () =>
      new Redis({
        host: "127.0.0.1",
        port,
        password: authToken,
        tls: { ca: tls.ca, servername: FAKE_ENDPOINT },
      }),
    async stop() {
      await server.stop();
      tls.remove();
    },
  };
}
