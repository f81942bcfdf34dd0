import { BAVEST_API_VERSIONS, type BavestApiVersion } from "../../core/ingestionModel.js";
import { normalizeSymbol } from "../../core/symbol.js";
import { UsageError } from "../../lib/errors.js";
import { parseRedisUrl } from "../pipeline/lambdaEnv.js";
import type { LocalPipelineOptions } from "../pipeline/pipelineOptions.js";
import { PIPELINE_DEFAULTS } from "../pipeline/pipelineOptions.js";
import { parseDuration } from "../pipeline/scheduler.js";
import { watchlistFromFlags } from "./watchlistFlags.js";

/** The flags of `dev` as commander hands them over (strings, and `ingest` from --no-ingest). */
export interface DevFlags {
  shards?: string;
  redisUrl?: string;
  liveApi?: boolean;
  every?: string;
  ingest?: boolean;
  symbols?: string;
  symbolsFile?: string;
  apiVersion?: string;
  apiLatencyMs?: string;
  apiRateLimit?: string;
  requestsPerSecond?: string;
  batchSize?: string;
  batchingWindow?: string;
  maxRetries?: string;
  fresh?: boolean;
}

export const DEFAULT_BAVEST_API_URL = "https://api.bavest.co/v0";

/** The Bavest stand-in answers at once unless `--api-latency-ms` holds it back. */
const DEFAULT_API_LATENCY_MS = 0;

/**
 * The defaults `dev --help` shows, as commander takes them (text): derived from
 * PIPELINE_DEFAULTS, so each default is written once and the help cannot drift from it.
 */
export const DEV_FLAG_DEFAULTS = {
  shards: String(PIPELINE_DEFAULTS.shards),
  every: formatDuration(PIPELINE_DEFAULTS.ingestEveryMs),
  apiLatencyMs: String(DEFAULT_API_LATENCY_MS),
  batchSize: String(PIPELINE_DEFAULTS.batchSize),
  batchingWindow: formatDuration(PIPELINE_DEFAULTS.batchingWindowMs),
  maxRetries: String(PIPELINE_DEFAULTS.maxRetries),
} as const satisfies Partial<Record<keyof DevFlags, string>>;

function integerFlag(
  flag: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} "${text}" is not a whole number from ${min} to ${max}.`, {
      hint: `For example: bavest-signals dev ${flag} ${fallback}`,
    });
  }
  return value;
}

function symbolsFlag(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const written = text
    .split(",")
    .map((symbol) => symbol.trim())
    .filter((symbol) => symbol.length > 0);
  const invalid = written.filter((symbol) => normalizeSymbol(symbol) === null);
  if (invalid.length > 0) {
    throw new UsageError(
      `--symbols: ${invalid.map((symbol) => `"${symbol}"`).join(", ")} is not a symbol (1-24 characters of A-Z 0-9 . - ^ = _).`,
      { hint: "For example: --symbols AAPL,MSFT,BMW.DE" },
    );
  }
  const symbols = written.map((symbol) => normalizeSymbol(symbol) as string);
  if (symbols.length === 0) {
    throw new UsageError(`--symbols "${text}" names no symbol.`, {
      hint: "For example: --symbols AAPL,MSFT,BMW.DE",
    });
  }
  return symbols;
}

function liveApiFrom(flags: DevFlags, env: NodeJS.ProcessEnv): LocalPipelineOptions["liveApi"] {
  if (!flags.liveApi) return undefined;
  const key = env.BAVEST_API_KEY?.trim();
  if (!key) {
    throw new UsageError("--live-api needs a Bavest API key, and BAVEST_API_KEY is not set.", {
      hint: "Run: BAVEST_API_KEY=<your key> bavest-signals dev --live-api",
    });
  }
  return { url: env.BAVEST_API_URL?.trim() || DEFAULT_BAVEST_API_URL, key };
}

function apiVersionFlag(text: string): BavestApiVersion {
  const version = text.trim().toLowerCase();
  if ((BAVEST_API_VERSIONS as readonly string[]).includes(version)) return version as BavestApiVersion;
  throw new UsageError(`--api-version "${text}" is not one of ${BAVEST_API_VERSIONS.join(", ")}.`, {
    hint: "For example: bavest-signals dev --api-version v2",
  });
}

/** Validates the flags where they enter; every error names the flag and shows a valid form. */
export function pipelineOptionsFromFlags(flags: DevFlags, env: NodeJS.ProcessEnv): LocalPipelineOptions {
  const ingestEveryMs =
    flags.ingest === false
      ? null
      : flags.every === undefined
        ? PIPELINE_DEFAULTS.ingestEveryMs
        : parseDuration(flags.every, "--every");
  const liveApi = liveApiFrom(flags, env);
  const symbols = watchlistFromFlags(flags) ?? symbolsFlag(flags.symbols);
  const apiVersion = flags.apiVersion === undefined ? undefined : apiVersionFlag(flags.apiVersion);
  const fakeApi = {
    ...(apiVersion ? { apiVersions: [apiVersion] } : {}),
    latencyMs: integerFlag("--api-latency-ms", flags.apiLatencyMs, DEFAULT_API_LATENCY_MS, 0, 60_000),
    ...(flags.apiRateLimit
      ? { requestsPerSecond: integerFlag("--api-rate-limit", flags.apiRateLimit, 100, 1, 100_000) }
      : {}),
  };
  const requestsPerSecond = flags.requestsPerSecond
    ? integerFlag("--requests-per-second", flags.requestsPerSecond, 10, 1, 100_000)
    : undefined;
  if (flags.redisUrl) parseRedisUrl(flags.redisUrl);
  return {
    streamName: PIPELINE_DEFAULTS.streamName,
    shards: integerFlag("--shards", flags.shards, PIPELINE_DEFAULTS.shards, 1, 64),
    region: PIPELINE_DEFAULTS.region,
    redisPrefix: PIPELINE_DEFAULTS.redisPrefix,
    ...(flags.redisUrl ? { redisUrl: flags.redisUrl } : {}),
    ...(liveApi ? { liveApi } : {}),
    ...(symbols ? { symbols } : {}),
    fakeApi,
    ...(apiVersion ? { apiVersion } : {}),
    ...(requestsPerSecond ? { requestsPerSecond } : {}),
    ingestEveryMs,
    batchSize: integerFlag("--batch-size", flags.batchSize, PIPELINE_DEFAULTS.batchSize, 1, 10_000),
    batchingWindowMs:
      flags.batchingWindow === undefined
        ? PIPELINE_DEFAULTS.batchingWindowMs
        : parseDuration(flags.batchingWindow, "--batching-window", true),
    maxRetries: integerFlag("--max-retries", flags.maxRetries, PIPELINE_DEFAULTS.maxRetries, 0, 10_000),
    persist: true,
    fresh: flags.fresh === true,
    env,
  };
}

/** "5m" for 300000: how the banner shows a schedule. */
export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}
