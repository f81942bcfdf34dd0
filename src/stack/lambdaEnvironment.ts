import { planForConfig } from "../core/ingestionModel.js";
import { INGESTION_ENV, PROCESSING_ENV } from "../core/lambdaEnvNames.js";
import type { StackConfig } from "./config.js";
import { SETTING_NAMES, type SETTINGS, settingRow } from "./settingsTable.js";

const SECONDS_PER_DAY = 86_400;

/** The settings whose row names a Lambda environment variable. */
type EnvSetting = {
  [K in keyof typeof SETTINGS]: (typeof SETTINGS)[K] extends { lambdaEnv: object } ? K : never;
}[keyof typeof SETTINGS];

/**
 * What each such variable carries, from the validated config: the row says which variable of
 * which function, this says in which unit. A row with a variable and no entry here does not compile.
 */
const ENV_VALUES: Record<EnvSetting, (config: StackConfig) => string> = {
  apiUrl: (config) => config.apiUrl,
  bavestRequestsPerSecond: (config) => String(Math.round(planForConfig(config).rateShare * 1000) / 1000),
  apiVersion: (config) => config.ingestion.apiVersion,
  currency: (config) => config.ingestion.currency,
  bavestTimeoutSeconds: (config) => String(config.ingestion.requestTimeoutSeconds * 1000),
  keyPrefix: (config) => config.storage.keyPrefix,
  historyRetentionDays: (config) => String(config.storage.historyRetentionDays * SECONDS_PER_DAY),
  rejectedCap: (config) => String(config.storage.rejectedCap),
  undervaluedBelow: (config) => String(config.thresholds.undervaluedBelow),
  fairValueBelow: (config) => String(config.thresholds.fairValueBelow),
  growthBelow: (config) => String(config.thresholds.growthBelow),
  expensiveBelow: (config) => String(config.thresholds.expensiveBelow),
  buyBelow: (config) => String(config.thresholds.buyBelow),
  holdBelow: (config) => String(config.thresholds.holdBelow),
};

/** The variables the settings table sends to `fn`, each with its value from `config`. */
function settingVariables(fn: "ingestion" | "processing", config: StackConfig): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const name of SETTING_NAMES) {
    const target = settingRow(name).lambdaEnv;
    if (target?.fn === fn) variables[target.variable] = ENV_VALUES[name as EnvSetting](config);
  }
  return variables;
}

/**
 * The ingestion function's environment (docs/contracts.md section 5). It receives the ARN of the API
 * key's secret, never the key itself, and no watchlist: each schedule target passes its slice
 * as the event. BAVEST_REQUESTS_PER_SECOND is one invocation's share of the plan's rate; the
 * API version, the currency and the per-request timeout come from the stack's settings.
 */
export function ingestionEnvironment<T>(
  config: StackConfig,
  refs: { streamName: T; apiKeySecretArn: T },
): Record<string, string | T> {
  return {
    [INGESTION_ENV.streamName]: refs.streamName,
    [INGESTION_ENV.apiKeySecretArn]: refs.apiKeySecretArn,
    ...settingVariables("ingestion", config),
    NODE_OPTIONS: "--enable-source-maps",
  };
}

/**
 * The processing function's environment (docs/contracts.md section 5): Redis over TLS, the IAM-enabled
 * user and the cache it signs its short-lived tokens for (no secret: the function's own role
 * signs them), the key prefix, history retention, rejected-list cap and P/E thresholds.
 */
export function processingEnvironment<T>(
  config: StackConfig,
  refs: { redisHost: T; redisPort: T; redisUser: T; cacheName: T },
): Record<string, string | T> {
  return {
    [PROCESSING_ENV.redisHost]: refs.redisHost,
    [PROCESSING_ENV.redisPort]: refs.redisPort,
    [PROCESSING_ENV.redisTls]: "true",
    [PROCESSING_ENV.redisAuth]: "iam",
    [PROCESSING_ENV.redisUser]: refs.redisUser,
    [PROCESSING_ENV.redisCacheName]: refs.cacheName,
    ...settingVariables("processing", config),
    NODE_OPTIONS: "--enable-source-maps",
  };
}
