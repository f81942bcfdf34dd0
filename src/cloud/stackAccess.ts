import type { EngineConfigValue } from "../stack/engine/types.js";
import { workspaceEngineOpener } from "../stack/workspaceEngine.js";
import { getStackOutputs } from "./outputs.js";
import type { ResolverOptions } from "./resolvers.js";

const REDIS_AUTH_TOKEN_KEY = "bavest-signals:redisAuthToken";
const KEY_PREFIX_KEY = "bavest-signals:keyPrefix";
const DEFAULT_KEY_PREFIX = "bavest";

/** What reaching a deployed stack's Redis needs: its outputs plus two values of its config. */
export interface StackAccess {
  outputs: Record<string, unknown>;
  /** Every config value of the stack, secrets decrypted. */
  config: Record<string, EngineConfigValue>;
  /** The Redis AUTH token, decrypted from the stack's secret config. */
  authToken: string | undefined;
  keyPrefix: string;
}

/** Opens the stack once and reads its outputs and the config the tunnel and inspect need. */
export async function loadStackAccess(
  stack: string,
  env: NodeJS.ProcessEnv,
  options: ResolverOptions = {},
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
  return {
    outputs,
    config,
    authToken: config[REDIS_AUTH_TOKEN_KEY]?.value,
    keyPrefix: config[KEY_PREFIX_KEY]?.value || DEFAULT_KEY_PREFIX,
  };
}
