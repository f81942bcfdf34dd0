import { DEFAULT_KEY_PREFIX } from "../core/redisKeys.js";
import type { ConfigFieldName } from "./configFields.js";

/** What `configure --help` says about one setting. */
export interface ConfigFieldHelp {
  /** What the setting does, in a few words. */
  meaning: string;
  /** The values it accepts. */
  allowed: string;
  /** The default as typed on the command line; undefined: not set unless given. */
  default: string | undefined;
  /** The unit of a number, when it has one. */
  unit?: string;
}

/**
 * The help of every stack setting, keyed by its CONFIG_FIELDS name. Plain text, no zod and
 * no parsers, so that `--help` stays instant; test/unit/stack/configHelp.test.ts checks that
 * every field has an entry and that each default is the one CONFIG_FIELDS applies.
 */
export const CONFIG_HELP: Record<ConfigFieldName, ConfigFieldHelp> = {
  symbols: {
    meaning: "the watchlist ingestion fetches on every run",
    allowed: "comma-separated symbols, 1-10,000 of them, each 1-24 characters of A-Z 0-9 . - ^ = _",
    default: "AAPL,MSFT,GOOGL,AMZN,NVDA",
  },
  bavestRequestsPerSecond: {
    meaning:
      "your Bavest plan's request rate: every request of an ingestion run waits on one shared budget, and a 429 slows the whole run down",
    allowed: "a positive number (requests per second, shared by the schedule's slices)",
    default: "10",
  },
  apiVersion: {
    meaning:
      "the Bavest API version ingestion speaks: v0 (POST /v0/quote, the quote with its metrics) or v2 (GET /v2/timeseries/quote plus the EPS from /v2/equities/metrics); the version in apiUrl is replaced by this one",
    allowed: "v0 or v2",
    default: "v0",
  },
  currency: {
    meaning: "the currency quotes are asked in (Bavest answers in EUR when none is sent)",
    allowed: "an ISO 4217 code: EUR, USD, GBP, CHF, JPY and the other ECB reference-rate currencies",
    default: "USD",
  },
  bavestTimeoutSeconds: {
    meaning:
      "how long one Bavest request may take; slices are sized so that a request started last still ends within the function's timeout (keep it well below functionTimeoutSeconds)",
    allowed: "1-300",
    default: "10",
    unit: "seconds",
  },
  apiUrl: {
    meaning: "the Bavest API base URL",
    allowed: "an http(s) URL",
    default: "https://api.bavest.co/v0",
  },
  region: {
    meaning: "the AWS region to deploy to (aws:region)",
    allowed: "an AWS region name",
    default: "eu-central-1",
  },
  schedule: {
    meaning: "how often ingestion runs (an EventBridge schedule)",
    allowed: '"rate(N minute[s]|hour[s]|day[s])" or "cron(6 fields)"',
    default: '"rate(5 minutes)"',
  },
  streamMode: {
    meaning: "the Kinesis capacity mode",
    allowed: "provisioned or on-demand",
    default: "provisioned",
  },
  shards: {
    meaning: "shards of the stream (provisioned mode)",
    allowed: "1-500",
    default: "1",
    unit: "shards",
  },
  streamRetentionHours: {
    meaning: "how long the stream keeps records",
    allowed: "24-8760",
    default: "24",
    unit: "hours",
  },
  historyRetentionDays: {
    meaning: "how long each symbol's history is kept in Redis, from its newest observation",
    allowed: "1-365",
    default: "7",
    unit: "days",
  },
  rejectedCap: {
    meaning: "how many quarantined (poison) records Redis keeps",
    allowed: "1-100000",
    default: "1000",
    unit: "records",
  },
  keyPrefix: {
    meaning: "the prefix of every Redis key",
    allowed: "1-32 characters A-Z a-z 0-9 _ -",
    default: DEFAULT_KEY_PREFIX,
  },
  nodeType: {
    meaning: "the ElastiCache node type",
    allowed: "cache.t3/t4g.{micro,small,medium}, cache.m6g/m7g/r6g/r7g.{large ... 16xlarge}",
    default: "cache.t3.micro",
  },
  nodeCount: {
    meaning: "Redis nodes (1 primary, the rest replicas)",
    allowed: "1-6",
    default: "1",
    unit: "nodes",
  },
  functionMemoryMb: {
    meaning: "memory of each Lambda function",
    allowed: "128-10240",
    default: "256",
    unit: "MB",
  },
  functionTimeoutSeconds: {
    meaning: "timeout of each Lambda function",
    allowed: "1-900",
    default: "60",
    unit: "seconds",
  },
  architecture: { meaning: "the functions' CPU architecture", allowed: "arm64 or x86_64", default: "arm64" },
  batchSize: {
    meaning: "records per processing invocation, at most",
    allowed: "1-10000",
    default: "100",
    unit: "records",
  },
  batchWindowSeconds: {
    meaning: "how long the trigger gathers records before invoking",
    allowed: "0-300",
    default: "1",
    unit: "seconds",
  },
  maxRetries: {
    meaning: "retries of a failing batch before it goes to the failure destination",
    allowed: "0-10000",
    default: "3",
    unit: "retries",
  },
  maxRecordAgeSeconds: {
    meaning: "records older than this are not retried but sent to the failure destination",
    allowed: "60-604800",
    default: "3600",
    unit: "seconds",
  },
  bisectOnError: {
    meaning: "split a failing batch in two to isolate the bad record",
    allowed: "true or false",
    default: "true",
  },
  parallelizationFactor: {
    meaning: "concurrent processing invocations per shard",
    allowed: "1-10",
    default: "1",
    unit: "invocations per shard",
  },
  alarms: { meaning: "create the CloudWatch alarms", allowed: "true or false", default: "true" },
  alarmEmail: {
    meaning: "an email address the alarms notify",
    allowed: "an email address",
    default: undefined,
  },
  bastion: {
    meaning: "create the bastion host that `tunnel` and `inspect --stack` go through",
    allowed: "true or false",
    default: "true",
  },
  logRetentionDays: {
    meaning: "how long CloudWatch keeps the functions' logs",
    allowed: "a CloudWatch retention: 1, 3, 5, 7, 14, 30, 60, 90, ... 3653",
    default: "14",
    unit: "days",
  },
  vpcId: {
    meaning: "deploy into this existing VPC instead of a new one",
    allowed: "a VPC id (vpc-...)",
    default: undefined,
  },
  privateSubnetIds: {
    meaning: "the existing VPC's private subnets (with --vpc-id)",
    allowed: "comma-separated subnet ids (subnet-...)",
    default: undefined,
  },
  publicSubnetId: {
    meaning: "the existing VPC's public subnet for the bastion (with --vpc-id)",
    allowed: "a subnet id (subnet-...)",
    default: undefined,
  },
  undervaluedBelow: { meaning: "P/E below this is undervalued", allowed: "a number > 0", default: "10" },
  fairValueBelow: { meaning: "P/E below this is fair_value", allowed: "a number > 0", default: "15" },
  growthBelow: { meaning: "P/E below this is growth_stock", allowed: "a number > 0", default: "25" },
  expensiveBelow: {
    meaning: "P/E below this is expensive, from it on highly_speculative",
    allowed: "a number > 0",
    default: "50",
  },
  buyBelow: { meaning: "P/E below this signals buy", allowed: "a number > 0", default: "15" },
  holdBelow: {
    meaning: "P/E below this signals hold, from it on sell",
    allowed: "a number > 0",
    default: "25",
  },
};

/** The one line `configure --help` prints for a setting: meaning, allowed values, default, unit. */
export function configFlagHelp(name: ConfigFieldName): string {
  const help = CONFIG_HELP[name];
  const unit = help.unit ? ` ${help.unit}` : "";
  const fallback = help.default === undefined ? "not set" : `${help.default}${unit}`;
  return `${help.meaning}; allowed: ${help.allowed}${unit}; default: ${fallback}`;
}
