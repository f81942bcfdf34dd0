import type { OpenEngine } from "../stack/engine/types.js";
import { workspaceEngineOpener } from "../stack/workspaceEngine.js";
import { getStackOutputs } from "./outputs.js";

/** What the cloud resolvers need besides the stack name and environment. */
export interface ResolverOptions {
  /** `--work-dir`, when the command offers it. */
  workDir?: string;
  /** A terminal to ask the secrets passphrase on. */
  interactive?: boolean;
  /** The command also takes --local: say so when the Pulumi CLI is missing. */
  localAlternative?: boolean;
  /** Read what can be read when the stack's config cannot be (decrypted): status does. */
  configOptional?: boolean;
  /** Opens stacks; the Automation API by default (tests hand in a fake engine). */
  openEngine?: OpenEngine;
}

function openerFor(env: NodeJS.ProcessEnv, options: ResolverOptions): OpenEngine {
  if (options.openEngine) return options.openEngine;
  return workspaceEngineOpener({
    env,
    workDir: options.workDir,
    interactive: options.interactive === true,
    localAlternative: options.localAlternative !== false,
  });
}

/** For `outputs --stack X`: a CloudOutputsResolver (src/commands/outputs.ts). */
export function cloudOutputsResolver(options: ResolverOptions = {}) {
  return (stack: string, env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> =>
    getStackOutputs(stack, { openEngine: openerFor(env, options) });
}
