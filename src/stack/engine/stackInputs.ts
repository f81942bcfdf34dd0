import { CliError } from "../../lib/errors.js";
import { parseStackConfig, type RawStackConfig, SECRET_KEYS, type StackConfig } from "../config.js";
import type { EngineConfigValue } from "./types.js";

export interface StackInputs {
  config: StackConfig;
  secrets: { bavestApiKey: string; redisAuthToken: string };
}

/** The engine's config as the flat `key -> text` map parseStackConfig reads. */
export function flatConfig(config: Record<string, EngineConfigValue>): RawStackConfig {
  return Object.fromEntries(Object.entries(config).map(([key, item]) => [key, item.value]));
}

/** Secrets shown as `[secret]`, everything else as stored. */
export function maskedConfig(config: Record<string, EngineConfigValue>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, item]) => [key, item.secret ? "[secret]" : item.value]),
  );
}

/**
 * What the program needs from a stack's config: the validated settings and both secrets.
 * A missing secret means the stack was never configured with this tool.
 */
export function stackInputsFrom(stackName: string, config: Record<string, EngineConfigValue>): StackInputs {
  const parsed = parseStackConfig(flatConfig(config));
  const bavestApiKey = config[SECRET_KEYS.bavestApiKey]?.value;
  const redisAuthToken = config[SECRET_KEYS.redisAuthToken]?.value;
  const missing = [
    bavestApiKey ? undefined : SECRET_KEYS.bavestApiKey,
    redisAuthToken ? undefined : SECRET_KEYS.redisAuthToken,
  ].filter((key) => key !== undefined);
  if (!bavestApiKey || !redisAuthToken) {
    throw new CliError(`Stack "${stackName}" is missing the secret config ${missing.join(" and ")}.`, {
      hint: `Run: bavest-signals configure --stack ${stackName}`,
    });
  }
  return { config: parsed, secrets: { bavestApiKey, redisAuthToken } };
}
