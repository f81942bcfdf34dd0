import type { SynthResource } from "../stack/synth/runSynth.js";
import type { PreflightContext } from "./types.js";

/** The program's resources of one Pulumi type (e.g. `aws:ec2/vpc:Vpc`). */
export function resourcesOfType(resources: readonly SynthResource[], type: string): SynthResource[] {
  return resources.filter((resource) => resource.type === type);
}

/**
 * How much of a quota this deploy adds: what the program declares of `type`, counted by `count`,
 * less what the stack's state holds of it already (that is in the account's usage today).
 */
export function addedBy(
  context: PreflightContext,
  type: string,
  count: (resources: readonly Pick<SynthResource, "inputs">[]) => number = (resources) => resources.length,
): number {
  const deployed = (context.deployed.get(type) ?? []).map((outputs) => ({ inputs: outputs }));
  return Math.max(0, count(resourcesOfType(context.resources, type)) - count(deployed));
}

function numberInput(resource: Pick<SynthResource, "inputs">, key: string, fallback: number): number {
  const value = Number(resource.inputs[key]);
  return Number.isFinite(value) ? value : fallback;
}

/** Provisioned shards the program's streams add (on-demand streams count apart). */
export function shardsNeeded(streams: readonly Pick<SynthResource, "inputs">[]): {
  shards: number;
  onDemandStreams: number;
} {
  let shards = 0;
  let onDemandStreams = 0;
  for (const stream of streams) {
    const mode = (stream.inputs.streamModeDetails as { streamMode?: string } | undefined)?.streamMode;
    if (mode === "ON_DEMAND") onDemandStreams += 1;
    else shards += numberInput(stream, "shardCount", 1);
  }
  return { shards, onDemandStreams };
}

/** Cache nodes of the program's replication groups: one per cache cluster. */
export function cacheNodesNeeded(groups: readonly Pick<SynthResource, "inputs">[]): number {
  return groups.reduce((sum, group) => sum + numberInput(group, "numCacheClusters", 1), 0);
}

/**
 * Concurrent executions the functions may take at once: each shard of a mapped stream runs up
 * to `parallelizationFactor` batches at a time
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html#kinesis-polling-and-batching),
 * and each schedule target starts one ingestion run.
 */
export function concurrencyNeeded(resources: readonly SynthResource[]): number {
  const shards = shardsNeeded(resourcesOfType(resources, "aws:kinesis/stream:Stream")).shards || 1;
  const mappings = resourcesOfType(resources, "aws:lambda/eventSourceMapping:EventSourceMapping");
  const processing = mappings.reduce(
    (sum, mapping) => sum + numberInput(mapping, "parallelizationFactor", 1) * shards,
    0,
  );
  return processing + resourcesOfType(resources, "aws:cloudwatch/eventTarget:EventTarget").length;
}

/** "3 of 5 used; this stack adds 1; 1 remains after it" (or "2 short") and whether it fits. */
export function quotaVerdict(what: string, limit: number, used: number, need: number, source: string) {
  const remaining = limit - used - need;
  const after = remaining >= 0 ? `${remaining} remain after it` : `${-remaining} short`;
  return {
    ok: remaining >= 0,
    detail: `${what}: ${used} of ${limit} used (${source}); this stack adds ${need}; ${after}`,
  };
}
