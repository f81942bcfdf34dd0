import type { SynthResource } from "../stack/synth/runSynth.js";
import type { PreflightContext } from "./types.js";

/** The program's resources of one Pulumi type (e.g. `aws:ec2/vpc:Vpc`). */
export function resourcesOfType(resources: readonly SynthResource[], type: string): SynthResource[] {
  return resources.filter((resource) => resource.type === type);
}

/**
 * The resources of `type` this deploy would create: none when the stack's state already holds
 * that type (its own resources are then in the account's usage already).
 */
export function toCreate(context: PreflightContext, type: string): SynthResource[] {
  if ((context.owned.get(type)?.size ?? 0) > 0) return [];
  return resourcesOfType(context.resources, type);
}

function numberInput(resource: SynthResource, key: string, fallback: number): number {
  const value = Number(resource.inputs[key]);
  return Number.isFinite(value) ? value : fallback;
}

/** Provisioned shards the program's streams add (on-demand streams count apart). */
export function shardsNeeded(streams: readonly SynthResource[]): { shards: number; onDemandStreams: number } {
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
export function cacheNodesNeeded(groups: readonly SynthResource[]): number {
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

/** "3 of 5 used; this stack adds 1; 1 remains after it" and whether it fits. */
export function quotaVerdict(what: string, limit: number, used: number, need: number, source: string) {
  const remaining = limit - used - need;
  const detail = `${what}: ${used} of ${limit} used (${source}); this stack adds ${need}; ${Math.max(remaining, 0)} remain after it`;
  return { ok: remaining >= 0, detail, short: Math.max(-remaining, 0) };
}
