import { type LocalRedis, startLocalRedis } from "../servers/redisServer.js";
import { parseRedisUrl, type RedisTarget } from "./lambdaEnv.js";

/** What dev says about a server of its own dying and coming back. */
export interface ServerWatchListener {
  onServerDown?(server: "redis-server" | "Kinesis server", how: string): void;
  onServerBack?(server: "redis-server" | "Kinesis server", detail: string): void;
}

/** The Redis the pipeline writes to: one it started (with a PID) or the user's --redis-url. */
export interface PipelineRedis {
  target: RedisTarget;
  url: string;
  /** The PID of dev's own redis-server right now (it changes when one is restarted). */
  pid?: number;
  stop(): Promise<void>;
}

const RESTART_PAUSE_MS = 500;
/** redis-server 7 keeps its append-only file in this folder of its --dir. */
export const APPEND_ONLY_DIR = "appendonlydir";
/** A redis-server that dies again this soon after a start is started again more slowly. */
const QUICK_DEATH_MS = 2_000;
const MAX_RESTART_PAUSE_MS = 5_000;

/**
 * Starts dev's own redis-server (its append-only file in `dataDir`) and watches it: when it
 * dies, the listener hears so at once and a new one is started on the same port over the same
 * file, so what was acknowledged is still there; the functions reconnect by themselves.
 */
export async function startRedisTarget(
  redisUrl: string | undefined,
  options: { dataDir?: string; listener?: ServerWatchListener } = {},
): Promise<PipelineRedis> {
  if (redisUrl) {
    return { target: parseRedisUrl(redisUrl), url: redisUrl, stop: async () => {} };
  }
  let current: LocalRedis = await startLocalRedis({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  let stopping = false;
  const result: PipelineRedis = {
    target: { host: current.host, port: current.port, tls: false },
    url: current.url,
    pid: current.pid,
    stop: async () => {
      stopping = true;
      await current.stop();
    },
  };
  // With `appendfsync always` Redis exits when it cannot write its append-only file (a full
  // disk): started again at once, it would die again at once, many times a second.
  let startedAt = Date.now();
  let quickDeaths = 0;
  const watch = (server: LocalRedis) => {
    void server.exited.then(async (how) => {
      if (stopping) return;
      options.listener?.onServerDown?.("redis-server", `process ${server.pid} ${how}`);
      quickDeaths = Date.now() - startedAt < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
      if (quickDeaths > 0) {
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(MAX_RESTART_PAUSE_MS, RESTART_PAUSE_MS * 2 ** quickDeaths)),
        );
      }
      while (!stopping) {
        try {
          current = await startLocalRedis({
            port: server.port,
            ...(options.dataDir ? { dataDir: options.dataDir } : {}),
          });
          if (stopping) {
            await current.stop();
            return;
          }
          result.pid = current.pid;
          startedAt = Date.now();
          const kept = options.dataDir
            ? "its append-only file kept every acknowledged write: nothing lost"
            : "it keeps no data on disk: what it held is lost";
          options.listener?.onServerBack?.(
            "redis-server",
            `process ${current.pid} on the same port; ${kept}`,
          );
          watch(current);
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, RESTART_PAUSE_MS));
        }
      }
    });
  };
  watch(current);
  return result;
}
