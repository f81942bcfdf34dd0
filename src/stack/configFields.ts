import {
  BAVEST_API_VERSIONS,
  DEFAULT_API_VERSION,
  DEFAULT_CURRENCY,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
} from "../core/ingestionModel.js";
import { DEFAULT_KEY_PREFIX } from "../core/redisKeys.js";
import { DEFAULT_THRESHOLDS, type Thresholds } from "../core/signal.js";
import {
  booleanValue,
  idList,
  matching,
  oneOf,
  parseCurrency,
  parseEmail,
  parseHttpUrl,
  parseLogRetentionDays,
  parseNodeType,
  parseRegion,
  parseScheduleExpression,
  parseShardCount,
  parseSymbols,
  positiveNumber,
  type ValueParser,
  wholeNumber,
} from "./validators.js";

/** The Pulumi project name, and so the namespace of the stack's own config keys. */
export const CONFIG_NAMESPACE = "bavest-signals";

/** One stack setting: where it lives in Pulumi config, how `configure` sets it, its default. */
export interface ConfigField<T> {
  /** The full Pulumi config key, e.g. `bavest-signals:shards`. */
  key: string;
  /** The `bavest-signals configure` flag that sets it, with an example value. */
  example: string;
  parse: ValueParser<T>;
  /** The default as its text form; undefined means "not set". */
  defaultText: string | undefined;
}

function field<T>(
  name: string,
  parse: ValueParser<T>,
  defaultText: string | undefined,
  flag?: string,
): ConfigField<T> {
  const key = name.includes(":") ? name : `${CONFIG_NAMESPACE}:${name}`;
  const option = flag ?? `--${name.replace(/^.*:/, "").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return { key, parse, defaultText, example: `${option} ${shellQuoted(defaultText ?? "<value>")}` };
}

/** A P/E threshold: its default is the analysis's own, so the stack and `dev` agree. */
function thresholdField(name: keyof Thresholds): ConfigField<number> {
  return field(name, positiveNumber, String(DEFAULT_THRESHOLDS[name]));
}

const subnetIds = idList(/^subnet-[0-9a-f]{8,17}$/, "comma-separated subnet ids (subnet-0123abcd,...)");

/**
 * Every non-secret stack setting, by the name the program uses. Keys are `bavest-signals:<name>`
 * except the region, which is the AWS provider's own `aws:region`.
 */
export const CONFIG_FIELDS = {
  symbols: field("symbols", parseSymbols, "AAPL,MSFT,GOOGL,AMZN,NVDA"),
  apiUrl: field("apiUrl", parseHttpUrl, "https://api.bavest.co/v0"),
  region: field("aws:region", parseRegion, "eu-central-1", "--region"),
  schedule: field("schedule", parseScheduleExpression, "rate(5 minutes)"),
  bavestRequestsPerSecond: field("bavestRequestsPerSecond", positiveNumber, "10"),
  apiVersion: field("apiVersion", oneOf(BAVEST_API_VERSIONS), DEFAULT_API_VERSION),
  currency: field("currency", parseCurrency, DEFAULT_CURRENCY),
  bavestTimeoutSeconds: field(
    "bavestTimeoutSeconds",
    wholeNumber(1, 300),
    String(DEFAULT_REQUEST_TIMEOUT_SECONDS),
  ),
  streamMode: field("streamMode", oneOf(["provisioned", "on-demand"] as const), "provisioned"),
  shards: field("shards", parseShardCount, "1"),
  streamRetentionHours: field("streamRetentionHours", wholeNumber(24, 8760), "24"),
  historyRetentionDays: field("historyRetentionDays", wholeNumber(1, 365), "7"),
  rejectedCap: field("rejectedCap", wholeNumber(1, 100_000), "1000"),
  keyPrefix: field(
    "keyPrefix",
    matching(/^[A-Za-z0-9_-]{1,32}$/, "1-32 characters A-Z a-z 0-9 _ -"),
    DEFAULT_KEY_PREFIX,
  ),
  nodeType: field("nodeType", parseNodeType, "cache.t3.micro"),
  nodeCount: field("nodeCount", wholeNumber(1, 6), "1"),
  functionMemoryMb: field("functionMemoryMb", wholeNumber(128, 10_240), "256"),
  functionTimeoutSeconds: field("functionTimeoutSeconds", wholeNumber(1, 900), "60"),
  architecture: field("architecture", oneOf(["arm64", "x86_64"] as const), "arm64"),
  batchSize: field("batchSize", wholeNumber(1, 10_000), "100"),
  batchWindowSeconds: field("batchWindowSeconds", wholeNumber(0, 300), "1"),
  maxRetries: field("maxRetries", wholeNumber(0, 10_000), "3"),
  maxRecordAgeSeconds: field("maxRecordAgeSeconds", wholeNumber(60, 604_800), "3600"),
  bisectOnError: field("bisectOnError", booleanValue, "true"),
  parallelizationFactor: field("parallelizationFactor", wholeNumber(1, 10), "1"),
  alarms: field("alarms", booleanValue, "true"),
  alarmEmail: field("alarmEmail", parseEmail, undefined),
  bastion: field("bastion", booleanValue, "true"),
  logRetentionDays: field("logRetentionDays", parseLogRetentionDays, "14"),
  vpcId: field("vpcId", matching(/^vpc-[0-9a-f]{8,17}$/, "a VPC id (vpc-0123abcd...)"), undefined),
  privateSubnetIds: field("privateSubnetIds", subnetIds, undefined),
  publicSubnetId: field(
    "publicSubnetId",
    matching(/^subnet-[0-9a-f]{8,17}$/, "a subnet id (subnet-0123abcd...)"),
    undefined,
  ),
  undervaluedBelow: thresholdField("undervaluedBelow"),
  fairValueBelow: thresholdField("fairValueBelow"),
  growthBelow: thresholdField("growthBelow"),
  expensiveBelow: thresholdField("expensiveBelow"),
  buyBelow: thresholdField("buyBelow"),
  holdBelow: thresholdField("holdBelow"),
} as const;

export type ConfigFieldName = keyof typeof CONFIG_FIELDS;

/** The secret settings by name inside the namespace, as `pulumi.Config` reads them. */
export const SECRET_NAMES = { bavestApiKey: "bavestApiKey", redisAuthToken: "redisAuthToken" } as const;

/** The secret keys: set with `pulumi config set --secret` (or `configure`), never defaulted. */
export const SECRET_KEYS = {
  bavestApiKey: `${CONFIG_NAMESPACE}:${SECRET_NAMES.bavestApiKey}`,
  redisAuthToken: `${CONFIG_NAMESPACE}:${SECRET_NAMES.redisAuthToken}`,
} as const;

/** A value as it must be typed in a shell: quoted when it holds spaces or shell syntax. */
function shellQuoted(value: string): string {
  return /^[\w.,:/@%+=-]+$/.test(value) ? value : `"${value}"`;
}
