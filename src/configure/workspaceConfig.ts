import { UsageError } from "../lib/errors.js";
import {
  CONFIG_FIELDS,
  type ConfigFieldName,
  parseField,
  parseStackConfig,
  SECRET_KEYS,
} from "../stack/config.js";
import { flatConfig, maskedConfig } from "../stack/engine/stackInputs.js";
import type { EngineConfigValue, OpenEngine } from "../stack/engine/types.js";
import { refuseErrors, renderFinding, runRules } from "../stack/rules/index.js";
import { SETTING_NAMES, settingRow } from "../stack/settingsTable.js";
import { InvalidValueError } from "../stack/validators.js";

/** The settings `configure` asks for when they are missing (the table's rows with a prompt). */
export const PROMPTED_FIELDS: readonly ConfigFieldName[] = SETTING_NAMES.filter(
  (name) => settingRow(name).prompt !== undefined,
);

/** The prompts `configure` uses; @inquirer/prompts in the CLI, scripted answers in tests. */
export interface ConfigurePrompts {
  input(question: {
    message: string;
    default?: string;
    validate: (text: string) => true | string;
  }): Promise<string>;
  password(question: { message: string; validate: (text: string) => true | string }): Promise<string>;
}

export interface ConfigureOptions {
  stack: string;
  /** Flag values by field name, as typed. */
  values: Partial<Record<ConfigFieldName, string>>;
  apiKeyStdin: boolean;
}

export interface ConfigureDeps {
  openEngine: OpenEngine;
  interactive: boolean;
  prompts: ConfigurePrompts;
  readStdin: () => Promise<string>;
}

export interface ConfigureResult {
  stack: string;
  workDir: string;
  /** The stack's whole config after the change, secrets shown as `[secret]`. */
  config: Record<string, string>;
  changed: string[];
  warnings: string[];
}

function validatorFor(name: ConfigFieldName): (text: string) => true | string {
  return (text) => {
    try {
      CONFIG_FIELDS[name].parse(text);
      return true;
    } catch (error) {
      return error instanceof InvalidValueError ? `Must be ${error.allowed}.` : String(error);
    }
  };
}

/** Throws the UsageError of the first flag whose value its setting does not accept. */
function validateFlagValues(values: ConfigureOptions["values"]): void {
  for (const [name, text] of Object.entries(values) as [ConfigFieldName, string | undefined][]) {
    if (text !== undefined) parseField<unknown>(CONFIG_FIELDS[name], text);
  }
}

async function settingValues(
  options: ConfigureOptions,
  deps: ConfigureDeps,
  stored: Record<string, EngineConfigValue>,
) {
  const updates: Record<string, EngineConfigValue> = {};
  for (const [name, text] of Object.entries(options.values) as [ConfigFieldName, string | undefined][]) {
    if (text === undefined) continue;
    updates[CONFIG_FIELDS[name].key] = { value: text.trim(), secret: false };
  }
  for (const name of PROMPTED_FIELDS) {
    const { key, defaultText } = CONFIG_FIELDS[name];
    if (updates[key] || stored[key]) continue;
    const value = deps.interactive
      ? await deps.prompts.input({
          message: settingRow(name).prompt ?? name,
          default: defaultText,
          validate: validatorFor(name),
        })
      : (defaultText ?? "");
    updates[key] = { value: value.trim(), secret: false };
  }
  return updates;
}

async function apiKeyValue(
  options: ConfigureOptions,
  deps: ConfigureDeps,
  stored: Record<string, EngineConfigValue>,
) {
  if (options.apiKeyStdin) {
    const key = (await deps.readStdin()).trim();
    if (key === "")
      throw new UsageError("--api-key-stdin got nothing on stdin.", {
        hint: `Pipe the key in: printf %s "$BAVEST_API_KEY" | bavest-signals configure --stack ${options.stack} --api-key-stdin`,
      });
    return key;
  }
  if (stored[SECRET_KEYS.bavestApiKey]) return undefined;
  if (!deps.interactive) {
    throw new UsageError(`The Bavest API key of stack "${options.stack}" is not set.`, {
      hint: `Pipe it in: printf %s "$BAVEST_API_KEY" | bavest-signals configure --stack ${options.stack} --api-key-stdin`,
    });
  }
  const validate = (text: string) => (text.trim() === "" ? "The API key cannot be empty." : true);
  return (await deps.prompts.password({ message: "Bavest API key", validate })).trim();
}

/**
 * Creates or updates a stack's config: flags first, prompts (on a terminal) for what is still
 * missing, the API key as a secret (Redis needs none: IAM authentication); every value and
 * AWS rule (src/stack/rules) checked before anything is written.
 */
export async function runConfigure(options: ConfigureOptions, deps: ConfigureDeps): Promise<ConfigureResult> {
  // A bad flag is the user's to fix first, before any engine (or missing CLI) is involved.
  validateFlagValues(options.values);
  const engine = await deps.openEngine(options.stack, "createOrSelect");
  const stored = await engine.getAllConfig();
  const updates = await settingValues(options, deps, stored);
  const apiKey = await apiKeyValue(options, deps, stored);
  if (apiKey !== undefined) updates[SECRET_KEYS.bavestApiKey] = { value: apiKey, secret: true };
  const merged = { ...stored, ...updates };
  const config = parseStackConfig(flatConfig(merged));
  // AWS's own rules, before anything is written: exit 2 naming the key, the rule and the fix.
  const ruleWarnings = refuseErrors(runRules(config)).map(renderFinding);
  const changed = Object.keys(updates).filter((key) => stored[key]?.value !== updates[key]?.value);
  if (changed.length > 0)
    await engine.setAllConfig(
      Object.fromEntries(changed.map((key) => [key, updates[key] as EngineConfigValue])),
    );
  const { capacityWarnings } = await import("../plan/capacity.js");
  return {
    stack: options.stack,
    workDir: engine.workDir,
    config: maskedConfig(merged),
    changed: changed.sort(),
    warnings: [...ruleWarnings, ...capacityWarnings(config)],
  };
}

export function renderConfigure(result: ConfigureResult): string {
  const width = Math.max(...Object.keys(result.config).map((key) => key.length));
  const rows = Object.entries(result.config).map(([key, value]) => `  ${key.padEnd(width)}  ${value}`);
  const changed = result.changed.length === 0 ? "Nothing changed." : `Changed: ${result.changed.join(", ")}.`;
  return [
    `Stack "${result.stack}" (config in ${result.workDir}):`,
    ...rows,
    changed,
    `Next: bavest-signals deploy --stack ${result.stack}`,
  ].join("\n");
}
