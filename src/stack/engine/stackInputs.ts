import { CliError } from "../../lib/errors.js";
import { parseStackConfig, type RawStackConfig, SECRET_KEYS, type StackConfig } from "../config.js";
import type { EngineConfigValue } from "./types.js";

export interface StackInputs {
  config: StackConfig;
  /** The API key; and whether an AUTH token from before IAM authentication is still stored. */
  secrets: { bavestApiKey: string; legacyRedisAuthToken: boolean };
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
 * What the program needs from a stack's config: the validated settings and the API key (Redis
 * needs no secret: IAM authentication). A missing key means the stack was never configured.
 */
export function stackInputsFrom(stackName: string, config: Record<string, EngineConfigValue>): StackInputs {
  const parsed = parseStackConfig(flatConfig(config));
  const bavestApiKey = config[SECRET_KEYS.bavestApiKey]?.value;
  if (!bavestApiKey) {
    throw new CliError(`Stack "${stackName}" is missing the secret config ${SECRET_KEYS.bavestApiKey}.`, {
      hint: `Run: bavest-signals configure --stack ${stackName}`,
    });
  }
  const legacyRedisAuthToken = config[SECRET_KEYS.redisAuthToken] !== undefined;
  return { config: parsed, secrets: { bavestApiKey, legacyRedisAuthToken } };
}
