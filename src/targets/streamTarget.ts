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

/**
 * The cloud resolver a `--stack` target needs. Commands always hand in the real one (through
 * the Automation API); a caller that forgets is a bug, not something a user can fix.
 */
export function requireCloud<T>(resolver: T | undefined, what: string): T {
  if (resolver === undefined) throw new Error(`${what} for a --stack target needs a cloud resolver`);
  return resolver;
}

/** `--local` reads the record `dev` wrote; otherwise the cloud resolver answers for the stack. */
export async function resolveReplayTarget(
  options: TargetOptions,
  deps: ReplayTargetDeps = {},
): Promise<ReplayTarget> {
  if (!options.local) return requireCloud(deps.cloud, "resolveReplayTarget")(options.stack, options.env);
  const readLocal = deps.readLocal ?? (await import("../local/state.js")).readLocalPipelineRecord;
  const record = await readLocal(options.env);
  return {
    streamName: record.kinesis_stream_name,
    region: record.region,
    endpoint: record.kinesis_endpoint,
    description: "the local pipeline",
  };
}
