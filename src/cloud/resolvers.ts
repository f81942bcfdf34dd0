import { workspaceEngineOpener } from "../stack/workspaceEngine.js";
import { getStackOutputs, requireOutput, stackRegion } from "./outputs.js";

/** What the cloud resolvers need besides the stack name and environment. */
export interface ResolverOptions {
  /** `--work-dir`, when the command offers it. */
  workDir?: string;
  /** A terminal to ask the secrets passphrase on. */
  interactive?: boolean;
}

function openerFor(env: NodeJS.ProcessEnv, options: ResolverOptions) {
  return workspaceEngineOpener({ env, workDir: options.workDir, interactive: options.interactive === true });
}

/** For `outputs --stack X`: a CloudOutputsResolver (src/commands/outputs.ts). */
export function cloudOutputsResolver(options: ResolverOptions = {}) {
  return (stack: string, env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> =>
    getStackOutputs(stack, { openEngine: openerFor(env, options) });
}

/**
 * For `replay --stack X`: a CloudReplayResolver (src/replay/target.ts). Credentials come
 * from the default AWS chain; pace with createShardPacer (src/cloud/pacing.ts) using
 * `shards`.
 */
export function cloudReplayResolver(options: ResolverOptions = {}) {
  return async (stack: string, env: NodeJS.ProcessEnv) => {
    const outputs = await getStackOutputs(stack, { openEngine: openerFor(env, options) });
    const region = stackRegion(outputs, env) ?? "us-east-1";
    return {
      streamName: requireOutput(outputs, "kinesis_stream_name", stack),
      region,
      description: `stack "${stack}"`,
    };
  };
}
