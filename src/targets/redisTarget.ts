import { DEFAULT_KEY_PREFIX } from "../core/redisKeys.js";
import type { Thresholds } from "../core/signal.js";
import type { LocalPipelineRecord } from "../local/state.js";
import { requireCloud } from "./streamTarget.js";

/** Where `inspect` reads: a Redis URL (local, or the local end of a tunnel) and the key prefix. */
export interface RedisTarget {
  url: string;
  prefix: string;
  /** For messages: `the local pipeline` or `stack "prod"`. */
  description: string;
  /** Extra connection settings (through a tunnel: TLS with the endpoint's name, the AUTH token). */
  redisOptions?: { tls?: { servername: string; ca?: string }; username?: string; password?: string };
  /** The pipeline's history retention, when known (a stack's config); else the default. */
  retentionSeconds?: number;
  /** The pipeline's P/E thresholds, when known (a stack's config); else the defaults. */
  thresholds?: Thresholds;
  /**
   * Signs in afresh for each new connection (a stack's IAM token is valid 15 minutes for new
   * connections): what a long-running reader (console, watch) reconnects with after an hour.
   */
  freshCredentials?: () => Promise<{ username: string; password: string }>;
  /** Releases what reaching Redis needed (a tunnel); absent when nothing was opened. */
  close?: () => Promise<void>;
}

export interface RedisTargetOptions {
  local: boolean;
  stack: string;
  env: NodeJS.ProcessEnv;
}

/** Reaches the Redis of a deployed stack (through a tunnel) and says where it listens. */
export type CloudRedisResolver = (stack: string, env: NodeJS.ProcessEnv) => Promise<RedisTarget>;

export interface RedisTargetDeps {
  readLocal?: (env: NodeJS.ProcessEnv) => Promise<LocalPipelineRecord>;
  cloud?: CloudRedisResolver;
}

/** `--local` reads the record `dev` wrote; otherwise the cloud resolver answers for the stack. */
export async function resolveRedisTarget(
  options: RedisTargetOptions,
  deps: RedisTargetDeps = {},
): Promise<RedisTarget> {
  if (!options.local) return requireCloud(deps.cloud, "resolveRedisTarget")(options.stack, options.env);
  const readLocal = deps.readLocal ?? (await import("../local/state.js")).readLocalPipelineRecord;
  const record = await readLocal(options.env);
  return {
    url: record.redis_url,
    prefix: record.redis_prefix || DEFAULT_KEY_PREFIX,
    description: "the local pipeline",
  };
}
