import { CliError } from "../lib/errors.js";
import type { LocalPipelineRecord } from "../local/state.js";

/** Where `replay` puts records: a Kinesis stream, local or deployed. */
export interface ReplayTarget {
  streamName: string;
  region: string;
  /** Set for a local Kinesis server; absent means the AWS endpoint of the region. */
  endpoint?: string;
  /** For messages: `the local pipeline` or `stack "prod"`. */
  description: string;
  /** Open shards of a deployed stream: sends are paced to their write limits. */
  shards?: number;
}

export interface TargetOptions {
  local: boolean;
  stack: string;
  env: NodeJS.ProcessEnv;
}

/** Finds the stream of a deployed stack (filled in from the stack's outputs). */
export type CloudReplayResolver = (stack: string, env: NodeJS.ProcessEnv) => Promise<ReplayTarget>;

export interface ReplayTargetDeps {
  readLocal?: (env: NodeJS.ProcessEnv) => Promise<LocalPipelineRecord>;
  cloud?: CloudReplayResolver;
}

/** The answer for a stack until its outputs can be read on this machine. */
export function stackHasNoOutputs(stack: string): CliError {
  return new CliError(`Stack "${stack}" has no outputs here.`, {
    hint: `Deploy it first: bavest-signals deploy --stack ${stack}, or use --local`,
  });
}

/** The default cloud resolver: no deployed outputs are known, so say how to get some. */
export const noCloudOutputs: CloudReplayResolver = async (stack) => {
  throw stackHasNoOutputs(stack);
};

/** `--local` reads the record `dev` wrote; otherwise the cloud resolver answers for the stack. */
export async function resolveReplayTarget(
  options: TargetOptions,
  deps: ReplayTargetDeps = {},
): Promise<ReplayTarget> {
  if (!options.local) return (deps.cloud ?? noCloudOutputs)(options.stack, options.env);
  const readLocal = deps.readLocal ?? (await import("../local/state.js")).readLocalPipelineRecord;
  const record = await readLocal(options.env);
  return {
    streamName: record.kinesis_stream_name,
    region: record.region,
    endpoint: record.kinesis_endpoint,
    description: "the local pipeline",
  };
}
