import {
  BAVEST_API_VERSIONS,
  DEFAULT_API_VERSION,
  DEFAULT_CURRENCY,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
} from "../core/ingestionModel.js";
import { INGESTION_ENV, PROCESSING_ENV, THRESHOLD_ENV } from "../core/lambdaEnvNames.js";
import { DEFAULT_KEY_PREFIX } from "../core/redisKeys.js";
import { DEFAULT_THRESHOLDS, type Thresholds } from "../core/signal.js";
import type { StackConfig } from "./config.js";

/** A dotted path to a leaf of StackConfig, e.g. `stream.shards`. */
export type StackConfigPath = LeafPaths<StackConfig>;

type LeafPaths<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends readonly unknown[] | string | number | boolean | undefined
    ? `${Prefix}${K}`
    : LeafPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/**
 * How a setting's text is checked, as data: src/stack/configFields.ts turns each spec into its
 * parser (src/stack/validators.ts, which loads zod). Keeping the table free of parsers keeps
 * `--help` instant.
 */
export type ParserSpec =
  | { readonly kind: "wholeNumber"; readonly min: number; readonly max: number }
  | { readonly kind: "oneOf"; readonly choices: readonly string[] }
  | { readonly kind: "matching" | "idList"; readonly pattern: RegExp; readonly allowed: string }
  | {
      readonly kind:
        | "positiveNumber"
        | "boolean"
        | "symbols"
        | "httpUrl"
        | "region"
        | "schedule"
        | "currency"
        | "email"
        | "nodeType"
        | "shardCount"
        | "logRetentionDays";
    };

/** One stack setting: everything help, `configure`, `plan`, validation and the program read. */
export interface SettingRow {
  /** The full Pulumi config key, e.g. `bavest-signals:shards`. */
  readonly key: string;
  /** The `configure` flag that sets it, and `plan`'s what-if flag of the same name. */
  readonly flag: string;
  /** What the setting does, in a few words (help). */
  readonly meaning: string;
  /** The values it accepts, as help states them. */
  readonly allowed: string;
  /** The default in its text form; undefined means "not set". */
  readonly default: string | undefined;
  /** The unit of a number, when it has one. */
  readonly unit?: string;
  readonly parser: ParserSpec;
  /** The question `configure` asks when the setting is missing; unset: flag and default only. */
  readonly prompt?: string;
  /**
   * Where the parsed value goes in StackConfig, e.g. `stream.shards`; unset for the settings
   * assembled together by their own rule (the existing network's ids).
   */
  readonly path?: StackConfigPath;
  /** The Lambda function's environment variable the setting reaches (src/stack/lambdaEnvironment.ts). */
  readonly lambdaEnv?: { readonly fn: "ingestion" | "processing"; readonly variable: string };
}

function row<const R extends SettingRow>(setting: R): R {
  return setting;
}

function whole(min: number, max: number) {
  return { kind: "wholeNumber", min, max } as const;
}

/** A P/E threshold: its default is the analysis's own, so the stack and `dev` agree. */
function threshold(name: keyof Thresholds, meaning: string) {
  const flag = `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  return row({
    key: `bavest-signals:${name}`,
    flag,
    meaning,
    allowed: "a number > 0",
    default: String(DEFAULT_THRESHOLDS[name]),
    parser: { kind: "positiveNumber" },
    lambdaEnv: { fn: "processing", variable: THRESHOLD_ENV[name] },
    path: `thresholds.${name}`,
  });
}

/**
 * Every non-secret stack setting, one row each, in the order help lists them. Keys are
 * `bavest-signals:<name>` except the region, the AWS provider's own `aws:region`. A new setting
 * is one new row here (and its place in StackConfig, src/stack/config.ts).
 */
export const SETTINGS = {
  symbols: row({
    path: "symbols",
    key: "bavest-signals:symbols",
    flag: "--symbols",
    meaning: "the watchlist ingestion fetches on every run",
    allowed: "comma-separated symbols, 1-10,000 of them, each 1-24 characters of A-Z 0-9 . - ^ = _",
    default: "AAPL,MSFT,GOOGL,AMZN,NVDA",
    parser: { kind: "symbols" },
    prompt: "Watchlist (comma-separated symbols)",
  }),
  apiUrl: row({
    path: "apiUrl",
    key: "bavest-signals:apiUrl",
    flag: "--api-url",
    meaning: "the Bavest API base URL",
    allowed: "an http(s) URL",
    default: "https://api.bavest.co/v0",
    parser: { kind: "httpUrl" },
    lambdaEnv: { fn: "ingestion", variable: INGESTION_ENV.apiUrl },
  }),
  region: row({
    path: "region",
    key: "aws:region",
    flag: "--region",
    meaning: "the AWS region to deploy to (aws:region)",
    allowed: "an AWS region name",
    default: "eu-central-1",
    parser: { kind: "region" },
    prompt: "AWS region",
  }),
  schedule: row({
    path: "schedule",
    key: "bavest-signals:schedule",
    flag: "--schedule",
    meaning: "how often ingestion runs (an EventBridge schedule)",
    allowed: '"rate(N minute[s]|hour[s]|day[s])" or "cron(6 fields)"',
    default: "rate(5 minutes)",
    parser: { kind: "schedule" },
    prompt: "Ingestion schedule (EventBridge rate or cron)",
  }),
  bavestRequestsPerSecond: row({
    path: "ingestion.requestsPerSecond",
    key: "bavest-signals:bavestRequestsPerSecond",
    flag: "--bavest-requests-per-second",
    meaning:
      "your Bavest plan's request rate: every request of an ingestion run waits on one shared budget, and a 429 slows the whole run down",
    allowed: "a positive number (requests per second, shared by the schedule's slices)",
    default: "10",
    parser: { kind: "positiveNumber" },
    lambdaEnv: { fn: "ingestion", variable: INGESTION_ENV.requestsPerSecond },
  }),
  apiVersion: row({
    path: "ingestion.apiVersion",
    key: "bavest-signals:apiVersion",
    flag: "--api-version",
    meaning:
      "the Bavest API version ingestion speaks: v0 (POST /v0/quote, the quote with its metrics) or v2 (GET /v2/timeseries/quote plus the EPS from /v2/equities/metrics); the version in apiUrl is replaced by this one",
    allowed: "v0 or v2",
    default: DEFAULT_API_VERSION,
    parser: { kind: "oneOf", choices: BAVEST_API_VERSIONS },
    lambdaEnv: { fn: "ingestion", variable: INGESTION_ENV.apiVersion },
  }),
  currency: row({
    path: "ingestion.currency",
    key: "bavest-signals:currency",
    flag: "--currency",
    meaning: "the currency quotes are asked in (Bavest answers in EUR when none is sent)",
    allowed: "an ISO 4217 code: EUR, USD, GBP, CHF, JPY and the other ECB reference-rate currencies",
    default: DEFAULT_CURRENCY,
    parser: { kind: "currency" },
    lambdaEnv: { fn: "ingestion", variable: INGESTION_ENV.currency },
  }),
  // A timeout near the function's is not refused: the slices shrink to leave room for it
  // (`planIngestion`), and `plan` shows what that costs.
  bavestTimeoutSeconds: row({
    path: "ingestion.requestTimeoutSeconds",
    key: "bavest-signals:bavestTimeoutSeconds",
    flag: "--bavest-timeout-seconds",
    meaning:
      "how long one Bavest request may take; slices are sized so that a request started last still ends within the function's timeout (keep it well below functionTimeoutSeconds)",
    allowed: "1-300",
    default: String(DEFAULT_REQUEST_TIMEOUT_SECONDS),
    unit: "seconds",
    parser: whole(1, 300),
    lambdaEnv: { fn: "ingestion", variable: INGESTION_ENV.timeoutMs },
  }),
  streamMode: row({
    path: "stream.mode",
    key: "bavest-signals:streamMode",
    flag: "--stream-mode",
    meaning: "the Kinesis capacity mode",
    allowed: "provisioned or on-demand",
    default: "provisioned",
    parser: { kind: "oneOf", choices: ["provisioned", "on-demand"] },
  }),
  shards: row({
    path: "stream.shards",
    key: "bavest-signals:shards",
    flag: "--shards",
    meaning: "shards of the stream (provisioned mode)",
    allowed: "1-500",
    default: "1",
    unit: "shards",
    parser: { kind: "shardCount" },
  }),
  streamRetentionHours: row({
    path: "stream.retentionHours",
    key: "bavest-signals:streamRetentionHours",
    flag: "--stream-retention-hours",
    meaning: "how long the stream keeps records",
    allowed: "24-8760",
    default: "24",
    unit: "hours",
    parser: whole(24, 8760),
  }),
  historyRetentionDays: row({
    path: "storage.historyRetentionDays",
    key: "bavest-signals:historyRetentionDays",
    flag: "--history-retention-days",
    meaning: "how long each symbol's history is kept in Redis, from its newest observation",
    allowed: "1-365",
    default: "7",
    unit: "days",
    parser: whole(1, 365),
    prompt: "Days of history to keep in Redis",
    lambdaEnv: { fn: "processing", variable: PROCESSING_ENV.historyRetentionSeconds },
  }),
  rejectedCap: row({
    path: "storage.rejectedCap",
    key: "bavest-signals:rejectedCap",
    flag: "--rejected-cap",
    meaning: "how many quarantined (poison) records Redis keeps",
    allowed: "1-100000",
    default: "1000",
    unit: "records",
    parser: whole(1, 100_000),
    lambdaEnv: { fn: "processing", variable: PROCESSING_ENV.rejectedCap },
  }),
  keyPrefix: row({
    path: "storage.keyPrefix",
    key: "bavest-signals:keyPrefix",
    flag: "--key-prefix",
    meaning: "the prefix of every Redis key",
    allowed: "1-32 characters A-Z a-z 0-9 _ -",
    default: DEFAULT_KEY_PREFIX,
    parser: {
      kind: "matching",
      pattern: /^[A-Za-z0-9_-]{1,32}$/,
      allowed: "1-32 characters A-Z a-z 0-9 _ -",
    },
    lambdaEnv: { fn: "processing", variable: PROCESSING_ENV.keyPrefix },
  }),
  nodeType: row({
    path: "cache.nodeType",
    key: "bavest-signals:nodeType",
    flag: "--node-type",
    meaning: "the ElastiCache node type",
    allowed: "cache.t3/t4g.{micro,small,medium}, cache.m6g/m7g/r6g/r7g.{large ... 16xlarge}",
    default: "cache.t3.micro",
    parser: { kind: "nodeType" },
  }),
  nodeCount: row({
    path: "cache.nodeCount",
    key: "bavest-signals:nodeCount",
    flag: "--node-count",
    meaning: "Redis nodes (1 primary, the rest replicas)",
    allowed: "1-6",
    default: "1",
    unit: "nodes",
    parser: whole(1, 6),
  }),
  functionMemoryMb: row({
    path: "functions.memoryMb",
    key: "bavest-signals:functionMemoryMb",
    flag: "--function-memory-mb",
    meaning: "memory of each Lambda function",
    allowed: "128-10240",
    default: "256",
    unit: "MB",
    parser: whole(128, 10_240),
  }),
  functionTimeoutSeconds: row({
    path: "functions.timeoutSeconds",
    key: "bavest-signals:functionTimeoutSeconds",
    flag: "--function-timeout-seconds",
    meaning: "timeout of each Lambda function",
    allowed: "1-900",
    default: "60",
    unit: "seconds",
    parser: whole(1, 900),
  }),
  architecture: row({
    path: "functions.architecture",
    key: "bavest-signals:architecture",
    flag: "--architecture",
    meaning: "the functions' CPU architecture",
    allowed: "arm64 or x86_64",
    default: "arm64",
    parser: { kind: "oneOf", choices: ["arm64", "x86_64"] },
  }),
  batchSize: row({
    path: "batch.size",
    key: "bavest-signals:batchSize",
    flag: "--batch-size",
    meaning: "records per processing invocation, at most",
    allowed: "1-10000",
    default: "100",
    unit: "records",
    parser: whole(1, 10_000),
  }),
  batchWindowSeconds: row({
    path: "batch.windowSeconds",
    key: "bavest-signals:batchWindowSeconds",
    flag: "--batch-window-seconds",
    meaning: "how long the trigger gathers records before invoking",
    allowed: "0-300",
    default: "1",
    unit: "seconds",
    parser: whole(0, 300),
  }),
  maxRetries: row({
    path: "batch.maxRetries",
    key: "bavest-signals:maxRetries",
    flag: "--max-retries",
    meaning: "retries of a failing batch before it goes to the failure destination",
    allowed: "0-10000",
    default: "3",
    unit: "retries",
    parser: whole(0, 10_000),
  }),
  maxRecordAgeSeconds: row({
    path: "batch.maxRecordAgeSeconds",
    key: "bavest-signals:maxRecordAgeSeconds",
    flag: "--max-record-age-seconds",
    meaning: "records older than this are not retried but sent to the failure destination",
    allowed: "60-604800",
    default: "3600",
    unit: "seconds",
    parser: whole(60, 604_800),
  }),
  bisectOnError: row({
    path: "batch.bisectOnError",
    key: "bavest-signals:bisectOnError",
    flag: "--bisect-on-error",
    meaning: "split a failing batch in two to isolate the bad record",
    allowed: "true or false",
    default: "true",
    parser: { kind: "boolean" },
  }),
  parallelizationFactor: row({
    path: "batch.parallelizationFactor",
    key: "bavest-signals:parallelizationFactor",
    flag: "--parallelization-factor",
    meaning: "concurrent processing invocations per shard",
    allowed: "1-10",
    default: "1",
    unit: "invocations per shard",
    parser: whole(1, 10),
  }),
  alarms: row({
    path: "alarms.enabled",
    key: "bavest-signals:alarms",
    flag: "--alarms",
    meaning: "create the CloudWatch alarms",
    allowed: "true or false",
    default: "true",
    parser: { kind: "boolean" },
  }),
  alarmEmail: row({
    path: "alarms.email",
    key: "bavest-signals:alarmEmail",
    flag: "--alarm-email",
    meaning: "an email address the alarms notify",
    allowed: "an email address",
    default: undefined,
    parser: { kind: "email" },
  }),
  bastion: row({
    path: "bastion",
    key: "bavest-signals:bastion",
    flag: "--bastion",
    meaning: "create the bastion host that `tunnel` and `inspect --stack` go through",
    allowed: "true or false",
    default: "true",
    parser: { kind: "boolean" },
  }),
  logRetentionDays: row({
    path: "logRetentionDays",
    key: "bavest-signals:logRetentionDays",
    flag: "--log-retention-days",
    meaning: "how long CloudWatch keeps the functions' logs",
    allowed: "a CloudWatch retention: 1, 3, 5, 7, 14, 30, 60, 90, ... 3653",
    default: "14",
    unit: "days",
    parser: { kind: "logRetentionDays" },
  }),
  vpcId: row({
    key: "bavest-signals:vpcId",
    flag: "--vpc-id",
    meaning: "deploy into this existing VPC instead of a new one",
    allowed: "a VPC id (vpc-...)",
    default: undefined,
    parser: { kind: "matching", pattern: /^vpc-[0-9a-f]{8,17}$/, allowed: "a VPC id (vpc-0123abcd...)" },
  }),
  privateSubnetIds: row({
    key: "bavest-signals:privateSubnetIds",
    flag: "--private-subnet-ids",
    meaning: "the existing VPC's private subnets (with --vpc-id)",
    allowed: "comma-separated subnet ids (subnet-...)",
    default: undefined,
    parser: {
      kind: "idList",
      pattern: /^subnet-[0-9a-f]{8,17}$/,
      allowed: "comma-separated subnet ids (subnet-0123abcd,...)",
    },
  }),
  publicSubnetId: row({
    key: "bavest-signals:publicSubnetId",
    flag: "--public-subnet-id",
    meaning: "the existing VPC's public subnet for the bastion (with --vpc-id)",
    allowed: "a subnet id (subnet-...)",
    default: undefined,
    parser: {
      kind: "matching",
      pattern: /^subnet-[0-9a-f]{8,17}$/,
      allowed: "a subnet id (subnet-0123abcd...)",
    },
  }),
  undervaluedBelow: threshold("undervaluedBelow", "P/E below this is undervalued"),
  fairValueBelow: threshold("fairValueBelow", "P/E below this is fair_value"),
  growthBelow: threshold("growthBelow", "P/E below this is growth_stock"),
  expensiveBelow: threshold("expensiveBelow", "P/E below this is expensive, from it on highly_speculative"),
  buyBelow: threshold("buyBelow", "P/E below this signals buy"),
  holdBelow: threshold("holdBelow", "P/E below this signals hold, from it on sell"),
} as const;

/** A setting's name as the program uses it, e.g. `historyRetentionDays`. */
export type SettingName = keyof typeof SETTINGS;

/** The setting names in table order. */
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** A value as it must be typed in a shell: quoted when it holds spaces or shell syntax. */
export function shellQuoted(value: string): string {
  return /^[\w.,:/@%+=-]+$/.test(value) ? value : `"${value}"`;
}

/** One row seen through the common shape, for code that reads any column of any row. */
export function settingRow(name: SettingName): SettingRow {
  return SETTINGS[name];
}
