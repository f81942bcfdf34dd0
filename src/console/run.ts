import type { Redis } from "ioredis";
import { redisKeys } from "../core/redisKeys.js";
import { DEFAULT_THRESHOLDS, type Thresholds } from "../core/signal.js";
import type { StatusReport } from "../status/types.js";
import { connectRedis } from "../targets/connect.js";
import type { RedisTarget } from "../targets/redisTarget.js";
import { consoleApi } from "./api.js";
import { startLiveFeed } from "./live.js";
import { createRedisLink } from "./redisLink.js";
import { newConsoleToken } from "./security.js";
import { type ConsoleServer, startConsoleServer } from "./server.js";

export interface ConsoleOptions {
  /** 0: a free port. */
  port: number;
  /** Where console.js and console.css are (dist/console). */
  assetsDir: string;
  /** The token of the URL; a fresh random one unless given. */
  token?: string;
  thresholds?: Thresholds;
  /** How often the latest values are compared for new observations. */
  pollMs?: number;
  /** How long to wait before reaching for a Redis that went away again. */
  retryMs?: number;
}

export interface ConsoleDeps {
  target: RedisTarget;
  /** The `status --json` check of the same pipeline. */
  checkHealth: () => Promise<StatusReport>;
  connect?: (target: RedisTarget) => Promise<Redis>;
}

/** A running console: its server and everything it opened; `close` ends them all. */
export interface RunningConsole extends ConsoleServer {}

/**
 * Starts the console: a read connection and a follower connection to the target's Redis (both
 * come back after an outage), the live feed, and the HTTP server on 127.0.0.1. It starts even
 * while Redis is away: the page shows that, and recovers when Redis returns.
 */
export async function startConsole(options: ConsoleOptions, deps: ConsoleDeps): Promise<RunningConsole> {
  const connect = deps.connect ?? ((target: RedisTarget) => connectRedis(target));
  const keys = redisKeys(deps.target.prefix);
  const stop = new AbortController();
  const reader = createRedisLink(() => connect(deps.target));
  const live = startLiveFeed({
    keys,
    reader,
    connectFollower: () => connect(deps.target),
    signal: stop.signal,
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
  });
  const api = consoleApi({
    keys,
    reader,
    target: deps.target.description,
    thresholds: options.thresholds ?? DEFAULT_THRESHOLDS,
    checkHealth: deps.checkHealth,
  });
  const server = await startConsoleServer({
    port: options.port,
    token: options.token ?? newConsoleToken(),
    assetsDir: options.assetsDir,
    api,
    live,
  }).catch((error: unknown) => {
    stop.abort();
    reader.close();
    throw error;
  });
  return {
    ...server,
    async close() {
      stop.abort();
      reader.close();
      await server.close();
    },
  };
}
