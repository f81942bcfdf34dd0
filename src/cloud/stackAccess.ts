import { DEFAULT_KEY_PREFIX } from "../core/redisKeys.js";
import { CONFIG_FIELDS } from "../stack/configFields.js";
import type { EngineConfigValue } from "../stack/engine/types.js";
import { workspaceEngineOpener } from "../stack/workspaceEngine.js";
import { getStackOutputs, stackRegion } from "./outputs.js";
import {
  type RedisCredentialDeps,
  type RedisCredentialSource,
  redisCredentialSource,
} from "./redisCredentials.js";
import type { ResolverOptions } from "./resolvers.js";

/**
 * Everything reaching a deployed stack needs, read once: its outputs, its region, its key
 * prefix and how to sign in to its Redis. inspect, status and tunnel all start from this.
 */
export interface StackAccess {
  stack: string;
  outputs: Record<string, unknown>;
  /** Every config value of the stack, secrets decrypted. */
  config: Record<string, EngineConfigValue>;
  /** The stack's region: its `region` output, else the AWS default chain's. */
  region: string | undefined;
  keyPrefix: string;
  /** Credentials for Redis, fresh on each call (an IAM token, or a legacy AUTH token). */
  redisCredentials: RedisCredentialSource;
}

/** A StackAccess from outputs and config already read (tests build one directly). */
export function stackAccessFrom(
  stack: string,
  outputs: Record<string, unknown>,
  config: Record<string, EngineConfigValue>,
  env: NodeJS.ProcessEnv,
  deps: RedisCredentialDeps = {},
): StackAccess {
  return {
    stack,
    outputs,
    config,
    region: stackRegion(outputs, env),
    keyPrefix: config[CONFIG_FIELDS.keyPrefix.key]?.value || DEFAULT_KEY_PREFIX,
    redisCredentials: redisCredentialSource(stack, outputs, config, deps),
  };
}

/** Opens the stack once and reads its outputs and config. */
export async function loadStackAccess(
  stack: string,
  env: NodeJS.ProcessEnv,
  options: ResolverOptions & { credentials?: RedisCredentialDeps } = {},
): Promise<StackAccess> {
  const openEngine =
    options.openEngine ??
    workspaceEngineOpener({
      env,
      workDir: options.workDir,
      interactive: options.interactive === true,
      localAlternative: options.localAlternative === true,
    });
  // Opening a stack spawns the Pulumi CLI: once, for the outputs and the config alike.
  const engine = await openEngine(stack, "select");
  // getStackOutputs fails with the next command to run when the stack is missing or empty.
  const outputs = await getStackOutputs(stack, { openEngine: async () => engine });
  const config = await engine.getAllConfig().catch((error: unknown) => {
    // status still shows the metrics when the config cannot be read (its Redis part says why).
    if (options.configOptional) return {} as Record<string, EngineConfigValue>;
    throw error;
  });
  return stackAccessFrom(stack, outputs, config, env, options.credentials);
}
