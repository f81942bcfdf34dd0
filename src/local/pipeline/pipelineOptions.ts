import type { BavestApiVersion } from "../../core/ingestionModel.js";
import { DEFAULT_KEY_PREFIX } from "../../core/redisKeys.js";
import type { MappingListener } from "../mapping/eventSourceMapping.js";
import type { ServerWatchListener } from "./pipelineRedis.js";
import type { WriteFaultListener } from "./writeFaults.js";

/** Everything `dev` and `demo` can choose about the local pipeline. */
export interface LocalPipelineOptions {
  streamName: string;
  shards: number;
  region: string;
  redisPrefix: string;
  /** Use this Redis instead of starting redis-server. */
  redisUrl?: string;
  /** Call the real Bavest API instead of the local stand-in. */
  liveApi?: { url: string; key: string };
  /** The watchlist; default: every symbol of the fixtures. */
  symbols?: string[];
  /** The Bavest stand-in's latency, request limit and versions served (dev --api-latency-ms, --api-rate-limit, --api-version). */
  fakeApi?: { latencyMs?: number; requestsPerSecond?: number; apiVersions?: readonly BavestApiVersion[] };
  /** The Bavest API version the ingestion function speaks (dev --api-version); v0 unless set. */
  apiVersion?: BavestApiVersion;
  /** The ingestion function's shared request rate (BAVEST_REQUESTS_PER_SECOND). */
  requestsPerSecond?: number;
  /** Run ingestion at start and then every this many ms; null turns ingestion off. */
  ingestEveryMs: number | null;
  batchSize: number;
  batchingWindowMs: number;
  maxRetries: number;
  /** Where state, logs and dead letters go (BAVEST_SIGNALS_HOME). */
  env: NodeJS.ProcessEnv;
  /** Folder for logs and dead letters; default: the local run folder of the state home. */
  runDir?: string;
  listener?: PipelineListener;
  /**
   * Keep the stream, the shard checkpoints and Redis's data in the run folder across restarts
   * (dev); off, everything lives in memory (demo, tests).
   */
  persist?: boolean;
  /** With persist: start empty (the stream, checkpoints and Redis data are removed first). */
  fresh?: boolean;
}

export interface IngestionRun {
  ok: boolean;
  summary?: unknown;
  error?: string;
}

export interface PipelineListener extends MappingListener, ServerWatchListener, WriteFaultListener {
  onIngestion?(run: IngestionRun): void;
}

export const PIPELINE_DEFAULTS = {
  streamName: "bavest-signals-local",
  shards: 1,
  region: "us-east-1",
  redisPrefix: DEFAULT_KEY_PREFIX,
  ingestEveryMs: 5 * 60_000,
  batchSize: 100,
  batchingWindowMs: 1_000,
  maxRetries: 3,
} as const;

export const FUNCTION_NAMES = {
  processing: "bavest-signals-local-processing",
  ingestion: "bavest-signals-local-ingestion",
} as const;

/** Lambda's default timeouts for these functions in the cloud stack are of this order. */
export const FUNCTION_TIMEOUT_MS = 30_000;
