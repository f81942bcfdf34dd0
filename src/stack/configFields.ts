import type { QuoteCurrency } from "../core/ingestionModel.js";
import { type ParserSpec, SETTING_NAMES, SETTINGS, type SettingName, shellQuoted } from "./settingsTable.js";
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

/** The value type a parser spec of the settings table produces. */
type ValueOf<S extends ParserSpec> = S extends { kind: "oneOf"; choices: readonly (infer C)[] }
  ? C
  : S extends { kind: "wholeNumber" | "positiveNumber" | "shardCount" | "logRetentionDays" }
    ? number
    : S extends { kind: "boolean" }
      ? boolean
      : S extends { kind: "symbols" | "idList" }
        ? string[]
        : S extends { kind: "currency" }
          ? QuoteCurrency
          : string;

const NAMED_PARSERS: Record<string, ValueParser<unknown>> = {
  positiveNumber,
  boolean: booleanValue,
  symbols: parseSymbols,
  httpUrl: parseHttpUrl,
  region: parseRegion,
  schedule: parseScheduleExpression,
  currency: parseCurrency,
  email: parseEmail,
  nodeType: parseNodeType,
  shardCount: parseShardCount,
  logRetentionDays: parseLogRetentionDays,
};

/** The parser a row's spec names. */
export function parserOf(spec: ParserSpec): ValueParser<unknown> {
  switch (spec.kind) {
    case "wholeNumber":
      return wholeNumber(spec.min, spec.max);
    case "oneOf":
      return oneOf(spec.choices);
    case "matching":
      return matching(spec.pattern, spec.allowed);
    case "idList":
      return idList(spec.pattern, spec.allowed);
    default:
      return NAMED_PARSERS[spec.kind] as ValueParser<unknown>;
  }
}

type Fields = {
  readonly [K in SettingName]: ConfigField<ValueOf<(typeof SETTINGS)[K]["parser"]>>;
};

/**
 * Every non-secret stack setting, by the name the program uses: the settings table
 * (src/stack/settingsTable.ts) with each row's parser built.
 */
export const CONFIG_FIELDS: Fields = Object.fromEntries(
  SETTING_NAMES.map((name) => {
    const setting = SETTINGS[name];
    const example = `${setting.flag} ${shellQuoted(setting.default ?? "<value>")}`;
    return [
      name,
      { key: setting.key, parse: parserOf(setting.parser), defaultText: setting.default, example },
    ];
  }),
) as unknown as Fields;

export type ConfigFieldName = SettingName;

/** The secret settings by name inside the namespace, as `pulumi.Config` reads them. */
export const SECRET_NAMES = { bavestApiKey: "bavestApiKey", redisAuthToken: "redisAuthToken" } as const;

/** The secret keys: set with `pulumi config set --secret` (or `configure`), never defaulted. */
export const SECRET_KEYS = {
  bavestApiKey: `${CONFIG_NAMESPACE}:${SECRET_NAMES.bavestApiKey}`,
  redisAuthToken: `${CONFIG_NAMESPACE}:${SECRET_NAMES.redisAuthToken}`,
} as const;
