import type { Redis } from "ioredis";
import type { Output } from "../lib/output.js";
import type { TunnelDeps } from "../tunnel/openTunnel.js";
import type { TunnelConnection, TunnelTarget } from "../tunnel/types.js";
import type { RedisCredentials } from "./redisCredentials.js";
import type { StackAccess } from "./stackAccess.js";

/**
 * The AWS side of a tunnel (SSM, EC2, and the plugin with its environment when a stand-in
 * needs one); real clients in the stack's region unless handed in.
 */
export type TunnelApis = (region: string) => Promise<Omit<TunnelDeps, "output">>;

export interface StackRedisReach {
  tunnelApis?: TunnelApis;
  /** Extra certificate authorities to trust (a private CA; ElastiCache's is public). */
  ca?: string;
}

async function awsTunnelApis(region: string) {
  const { createAwsTunnelApis } = await import("../tunnel/awsApis.js");
  return createAwsTunnelApis(region);
}

/** An open tunnel to a stack's Redis and the credentials to sign in with. */
export interface StackTunnel {
  target: TunnelTarget;
  connection: TunnelConnection;
  credentials: RedisCredentials;
  /** ioredis options for the tunnel's local end: TLS under the ElastiCache name, the credentials. */
  redisOptions: {
    host: "127.0.0.1";
    port: number;
    tls: { servername: string; ca?: string };
    username: string;
    password: string;
    /** No CLIENT SETINFO on connect: the cache's user is granted no CLIENT command. */
    disableClientInfo: true;
  };
}

/**
 * The one way to reach a deployed stack's Redis: the tunnel through its bastion, and fresh
 * credentials (an IAM token signed with your own AWS credentials). inspect, status and tunnel
 * all open it here. The caller closes `connection`.
 */
export async function openStackTunnel(
  access: StackAccess,
  io: { output: Output; env: NodeJS.ProcessEnv; localPort?: number },
  reach: StackRedisReach = {},
): Promise<StackTunnel> {
  const [{ tunnelTargetFromOutputs }, { openTunnel }] = await Promise.all([
    import("../tunnel/target.js"),
    import("../tunnel/openTunnel.js"),
  ]);
  const target = tunnelTargetFromOutputs(access.stack, access.outputs);
  // Credentials first: a stack that cannot be signed in to needs no tunnel.
  const credentials = await access.redisCredentials();
  const apis = await (reach.tunnelApis ?? awsTunnelApis)(target.region);
  // Callers watch `ended` and stop signals themselves and close through close().
  const connection = await openTunnel(
    target,
    { stack: access.stack, localPort: io.localPort, exitOnSignal: false },
    { env: io.env, ...apis, output: io.output },
  );
  const { host, port, tls, disableClientInfo } = connection.redisOptions;
  return {
    target,
    connection,
    credentials,
    redisOptions: {
      host,
      port,
      tls: { ...tls, ...(reach.ca ? { ca: reach.ca } : {}) },
      username: credentials.username,
      password: credentials.password,
      disableClientInfo,
    },
  };
}

/** A Redis client through the tunnel, opened at the first use and reopened once it ended. */
export interface StackRedisSession {
  redis(): Promise<Redis>;
  /** Drops the current client and tunnel (after a failed read): the next `redis()` opens anew. */
  discard(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One lazily opened, reopen-on-end Redis session to a stack (status --watch keeps one for as
 * long as it runs; every reopen signs a fresh token, so a 15-minute token never runs out).
 */
export function stackRedisSession(
  access: StackAccess,
  io: { output: Output; env: NodeJS.ProcessEnv },
  reach: StackRedisReach = {},
): StackRedisSession {
  let open: Promise<{ redis: Redis; tunnel: StackTunnel }> | undefined;
  const connect = async () => {
    const { Redis: RedisClient } = await import("ioredis");
    const tunnel = await openStackTunnel(access, io, reach);
    // A broken tunnel should fail the read, not retry for ever.
    const redis = new RedisClient({ ...tunnel.redisOptions, maxRetriesPerRequest: 1 });
    redis.on("error", (error: Error) => io.output.debug(`redis: ${error.message}`));
    return { redis, tunnel };
  };
  const drop = async (pending: typeof open) => {
    if (open === pending) open = undefined;
    const opened = await pending?.catch(() => undefined);
    opened?.redis.disconnect();
    await opened?.tunnel.connection.close();
  };
  return {
    async redis() {
      if (!open) {
        const pending = connect();
        open = pending;
        // Whatever ends the tunnel (or a failed open), the next call starts over.
        pending.then(
          ({ redis, tunnel }) =>
            tunnel.connection.ended.then(() => {
              redis.disconnect();
              if (open === pending) open = undefined;
            }),
          () => {
            if (open === pending) open = undefined;
          },
        );
      }
      return (await open).redis;
    },
    discard: () => drop(open),
    close: () => drop(open),
  };
}
