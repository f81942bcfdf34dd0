import type { BavestApiVersion } from "../core/ingestionModel.js";
import type { Thresholds } from "../core/signal.js";
import { UsageError } from "../lib/errors.js";
import { CONFIG_FIELDS, type ConfigField, type ConfigFieldName } from "./configFields.js";
import { SETTING_NAMES, settingRow } from "./settingsTable.js";
import { InvalidValueError, type QuoteCurrency } from "./validators.js";

/** The P/E thresholds of the analysis (docs/contracts.md section 2): each value is an exclusive upper bound. */
export type { Thresholds } from "../core/signal.js";
export {
  CONFIG_FIELDS,
  CONFIG_NAMESPACE,
  type ConfigFieldName,
  SECRET_KEYS,
  SECRET_NAMES,
} from "./configFields.js";

/** The validated configuration of one stack, every default filled in. */
export interface StackConfig {
  symbols: string[];
  apiUrl: string;
  region: string;
  schedule: string;
  /**
   * The Bavest plan's request rate (shared by every ingestion invocation of a run), the API
   * version and currency ingestion asks for, and the timeout of one request.
   */
  ingestion: {
    requestsPerSecond: number;
    apiVersion: BavestApiVersion;
    currency: QuoteCurrency;
    requestTimeoutSeconds: number;
  };
  stream: { mode: "provisioned" | "on-demand"; shards: number; retentionHours: number };
  storage: { keyPrefix: string; historyRetentionDays: number; rejectedCap: number };
  cache: { nodeType: string; nodeCount: number };
  functions: { memoryMb: number; timeoutSeconds: number; architecture: "arm64" | "x86_64" };
  batch: {
    size: number;
    windowSeconds: number;
    maxRetries: number;
    maxRecordAgeSeconds: number;
    bisectOnError: boolean;
    parallelizationFactor: number;
  };
  alarms: { enabled: boolean; email: string | undefined };
  bastion: boolean;
  logRetentionDays: number;
  /** Set to deploy into an existing VPC instead of creating one. */
  existingNetwork:
    | { vpcId: string; privateSubnetIds: string[]; publicSubnetId: string | undefined }
    | undefined;
  thresholds: Thresholds;
}

/** Flat Pulumi config as `key -> text`, e.g. `{ "bavest-signals:shards": "2" }`. */
export type RawStackConfig = Record<string, string | undefined>;

type Parsed = {
  [K in ConfigFieldName]: (typeof CONFIG_FIELDS)[K] extends ConfigField<infer T> ? T | undefined : never;
};

/**
 * Validates flat Pulumi config (keys listed in CONFIG_FIELDS, e.g. `bavest-signals:shards`,
 * `aws:region`) and fills in defaults. Secret keys are ignored here. Throws a UsageError that
 * names the key, the allowed values and the `configure` flag to fix it.
 */
export function parseStackConfig(raw: RawStackConfig = {}): StackConfig {
  const values = {} as Record<string, unknown>;
  for (const [name, spec] of Object.entries(CONFIG_FIELDS) as [ConfigFieldName, ConfigField<unknown>][]) {
    values[name] = parseField(spec, raw[spec.key]);
  }
  return assemble(values as Parsed);
}

/** The configuration with every default: what `synth` uses when the stack has no config file. */
export function defaultStackConfig(): StackConfig {
  return parseStackConfig({});
}

/** Parses one field's text, or its default when unset; errors name the key and the allowed values. */
export function parseField<T>(spec: ConfigField<T>, text: string | undefined): T | undefined {
  const source = text === undefined || text.trim() === "" ? spec.defaultText : text;
  if (source === undefined) return undefined;
  try {
    return spec.parse(source);
  } catch (error) {
    if (!(error instanceof InvalidValueError)) throw error;
    throw configError(spec.key, error.allowed, source, spec.example);
  }
}

function configError(key: string, allowed: string, got: string, example: string): UsageError {
  const shown = got.length > 80 ? `${got.slice(0, 77)}...` : got;
  return new UsageError(`Config "${key}" must be ${allowed} (got "${shown}").`, {
    hint: `Run: bavest-signals configure ${example}`,
  });
}

/**
 * Places every parsed value at its row's path in StackConfig (src/stack/settingsTable.ts), then
 * applies the rules that span settings: the existing network's ids and the thresholds' order.
 */
function assemble(v: Parsed): StackConfig {
  const tree: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const path = settingRow(name).path;
    if (path === undefined) continue;
    const value = v[name];
    // Only alarmEmail has no default and a path: its absence is a value (no email).
    if (value === undefined && settingRow(name).default !== undefined) {
      throw new Error(`The stack setting ${name} has a default and came out empty.`);
    }
    placeAt(tree, path, value);
  }
  const config = tree as unknown as StackConfig;
  checkThresholds(config.thresholds);
  return { ...config, existingNetwork: existingNetwork(v) };
}

function placeAt(tree: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = tree;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

function existingNetwork(v: Parsed): StackConfig["existingNetwork"] {
  const { vpcId, privateSubnetIds, publicSubnetId } = v;
  if (vpcId === undefined) {
    if (privateSubnetIds !== undefined || publicSubnetId !== undefined) {
      throw configError(
        CONFIG_FIELDS.vpcId.key,
        "set when subnet ids are given",
        "",
        "--vpc-id vpc-0123abcd",
      );
    }
    return undefined;
  }
  if (privateSubnetIds === undefined) {
    throw configError(
      CONFIG_FIELDS.privateSubnetIds.key,
      "set when vpcId is set",
      "",
      CONFIG_FIELDS.privateSubnetIds.example,
    );
  }
  if (v.bastion === true && publicSubnetId === undefined) {
    throw configError(
      CONFIG_FIELDS.publicSubnetId.key,
      "set when vpcId is set and the bastion is on (or turn the bastion off)",
      "",
      "--public-subnet-id subnet-0123abcd",
    );
  }
  return { vpcId, privateSubnetIds, publicSubnetId };
}

function checkThresholds(t: Thresholds): void {
  const ascending: [keyof Thresholds, keyof Thresholds][] = [
    ["undervaluedBelow", "fairValueBelow"],
    ["fairValueBelow", "growthBelow"],
    ["growthBelow", "expensiveBelow"],
    ["buyBelow", "holdBelow"],
  ];
  for (const [lower, upper] of ascending) {
    if (t[lower] >= t[upper]) {
      const spec = CONFIG_FIELDS[upper];
      throw configError(
        spec.key,
        `greater than ${CONFIG_FIELDS[lower].key} (${t[lower]})`,
        String(t[upper]),
        spec.example,
      );
    }
  }
}
