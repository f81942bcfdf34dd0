import { CACHE_ENGINE, CACHE_ENGINE_VERSION } from "../cacheSettings.js";
import { CONFIG_FIELDS } from "../config.js";
import { AWS_DOCS } from "./docs.js";
import { estimatedEnvironments, LAMBDA_ENVIRONMENT_LIMIT_BYTES } from "./environmentSize.js";
import { scheduleProblem } from "./schedule.js";
import type { Finding, Rule } from "./types.js";

const fix = (flag: string) => `Run: bavest-signals configure ${flag}`;

/** EventBridge accepts the ingestion schedule (rate or cron grammar, `?` rule, ranges). */
export const scheduleRule: Rule = (config) => {
  const problem = scheduleProblem(config.schedule);
  if (!problem) return [];
  const docUrl = problem.rule.startsWith("eventbridge-rate") ? AWS_DOCS.rate : AWS_DOCS.cron;
  return [
    {
      severity: "error",
      key: CONFIG_FIELDS.schedule.key,
      rule: problem.rule,
      message: `Schedule "${config.schedule}": ${problem.message}.`,
      fix: fix('--schedule "rate(5 minutes)" (or e.g. --schedule "cron(0/15 * * * ? *)")'),
      docUrl,
    },
  ];
};

/** Each function's environment stays within Lambda's 4 KB. */
export const environmentSizeRule: Rule = (config) => {
  const sizes = estimatedEnvironments(config);
  return Object.entries(sizes)
    .filter(([, bytes]) => bytes > LAMBDA_ENVIRONMENT_LIMIT_BYTES)
    .map(([fn, bytes]) => ({
      severity: "error" as const,
      // The watchlist travels in the schedule's inputs, so the API URL is what can grow ingestion's.
      key: fn === "ingestion" ? CONFIG_FIELDS.apiUrl.key : CONFIG_FIELDS.keyPrefix.key,
      rule: "lambda-environment-4kb",
      message: `The ${fn} function's environment would be ${bytes} bytes; Lambda allows ${LAMBDA_ENVIRONMENT_LIMIT_BYTES} (4 KB) in all.`,
      fix: fn === "ingestion" ? fix("--api-url with a shorter URL") : fix("--key-prefix bavest"),
      docUrl: AWS_DOCS.lambdaQuotas,
    }));
};

/**
 * Default shard quota per account: 20,000 in us-east-1, us-west-2 and eu-west-1; "1,000 or
 * 6,000" elsewhere, so 1,000 is what any account may count on. The stream shares it with every
 * other provisioned stream of the account in that region.
 */
export const LARGE_SHARD_QUOTA_REGIONS: Record<string, number> = {
  "us-east-1": 20_000,
  "us-west-2": 20_000,
  "eu-west-1": 20_000,
};
export const DEFAULT_SHARD_QUOTA = 1_000;

export function shardQuota(region: string): number {
  return LARGE_SHARD_QUOTA_REGIONS[region] ?? DEFAULT_SHARD_QUOTA;
}

/** The stream's shards fit the region's default account quota (refused above, warned above half). */
export const shardQuotaRule: Rule = (config) => {
  if (config.stream.mode !== "provisioned") return [];
  const quota = shardQuota(config.region);
  const { shards } = config.stream;
  if (shards <= quota / 2) return [];
  const over = shards > quota;
  return [
    {
      severity: over ? "error" : "warning",
      key: CONFIG_FIELDS.shards.key,
      rule: "kinesis-shard-quota",
      message: `${shards} shards ${over ? "exceed" : "use more than half of"} the default quota of ${quota} shards per account in ${config.region}, shared by every stream there.`,
      fix: over
        ? `${fix("--shards <fewer>")}, or request a quota increase in Service Quotas first`
        : "Check the account's Kinesis shard usage in Service Quotas before deploying.",
      docUrl: AWS_DOCS.kinesisQuotas,
    },
  ];
};

/**
 * A record older than the stream's retention is gone before the mapping gives up on it, and
 * then reaches no on-failure destination: the maximum record age must fit the retention.
 */
export const recordAgeRule: Rule = (config) => {
  const retentionSeconds = config.stream.retentionHours * 3600;
  if (config.batch.maxRecordAgeSeconds <= retentionSeconds) return [];
  return [
    {
      severity: "error",
      key: CONFIG_FIELDS.maxRecordAgeSeconds.key,
      rule: "record-age-within-retention",
      message: `maxRecordAgeSeconds ${config.batch.maxRecordAgeSeconds} is longer than the stream keeps records (${config.stream.retentionHours} h = ${retentionSeconds} s): failed records would expire before reaching the failure bucket.`,
      fix: fix(
        `--max-record-age-seconds ${Math.min(retentionSeconds, 3600)} (or a longer --stream-retention-hours)`,
      ),
      docUrl: AWS_DOCS.kinesisOnFailure,
    },
  ];
};

/** IAM authentication needs Redis OSS 7.0+ (or Valkey 7.2+); the program's engine must qualify. */
export const iamAuthEngineRule: Rule = () => {
  const [major = 0, minor = 0] = CACHE_ENGINE_VERSION.split(".").map(Number);
  const minimum = CACHE_ENGINE === "valkey" ? [7, 2] : [7, 0];
  const ok = major > (minimum[0] ?? 0) || (major === minimum[0] && minor >= (minimum[1] ?? 0));
  if (ok) return [];
  return [
    {
      severity: "error",
      // A constant of the program, not a setting: no configure flag changes it.
      key: "program",
      rule: "elasticache-iam-engine-version",
      message: `IAM authentication needs Redis OSS 7.0+ or Valkey 7.2+; the program uses ${CACHE_ENGINE} ${CACHE_ENGINE_VERSION}.`,
      fix: "Raise CACHE_ENGINE_VERSION in src/stack/cacheSettings.ts.",
      docUrl: AWS_DOCS.iamAuth,
    },
  ];
};

/** An alarm e-mail with alarms off receives nothing: say so. */
export const alarmEmailRule: Rule = (config) =>
  config.alarms.email !== undefined && !config.alarms.enabled
    ? [
        {
          severity: "warning",
          key: CONFIG_FIELDS.alarmEmail.key,
          rule: "alarm-email-without-alarms",
          message: `alarmEmail ${config.alarms.email} is set but alarms are off: no e-mail will be sent.`,
          fix: fix("--alarms true"),
          docUrl: AWS_DOCS.alarmSnsKms,
        },
      ]
    : [];

/** Every rule on a stack's configuration, in the order findings are shown. */
export const CONFIG_RULES: readonly Rule[] = [
  scheduleRule,
  environmentSizeRule,
  shardQuotaRule,
  recordAgeRule,
  iamAuthEngineRule,
  alarmEmailRule,
];

export type { Finding };
