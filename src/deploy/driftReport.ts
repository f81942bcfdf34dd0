import type { ChalkInstance } from "chalk";
import type { EngineEvent } from "../stack/engine/types.js";
import { isBookkeeping, nameFromUrn, shortType } from "./resourceNames.js";

/** One property that differs between the stack's state and the cloud. */
export interface PropertyDrift {
  /** As the engine names it: `tags.Owner`, `ingress[0].cidrBlocks`. */
  path: string;
  /** In the stack's state (what the tool last deployed or saw). */
  old: unknown;
  /** In the cloud now; undefined when the property is gone. */
  new: unknown;
}

export interface ResourceDrift {
  name: string;
  type: string;
  urn: string;
  /** `changed`: properties differ; `deleted`: the resource no longer exists in the cloud. */
  change: "changed" | "deleted";
  properties: PropertyDrift[];
}

export interface DriftReport {
  drifted: ResourceDrift[];
  /** Resources the refresh found as the state says. */
  unchanged: number;
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
type Json = Record<string, unknown>;

/** Secret values never leave the engine's wrapper: shown as `[secret]`. */
function masked(value: unknown): unknown {
  if (value && typeof value === "object" && SECRET_SIG in (value as Json)) return "[secret]";
  return value;
}

/** Splits `a.b[0]["c.d"]` into `a`, `b`, 0, `c.d`. */
export function pathSegments(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(match[3].replace(/\\(.)/g, "$1"));
  }
  return segments;
}

export function valueAt(object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const segment of pathSegments(path)) {
    if (masked(current) === "[secret]") return "[secret]";
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return masked(current);
}

/** Top-level properties whose values differ, for events that carry no diff of their own. */
function differingKeys(old: Json, now: Json): string[] {
  const keys = new Set([...Object.keys(old), ...Object.keys(now)]);
  return [...keys].filter((key) => JSON.stringify(old[key]) !== JSON.stringify(now[key])).sort();
}

/**
 * Reads a refresh preview's events: the engine reports each resource it read with the result
 * of comparing the state with the cloud (`update`: outputs differ, `delete`: gone, `same`).
 * The property paths come from the event's `detailedDiff` (or `diffs`), else from comparing
 * the old and new outputs; each with its value in the state and in the cloud.
 * https://www.pulumi.com/docs/iac/cli/commands/pulumi_refresh/
 */
export function collectDrift(events: readonly EngineEvent[]): DriftReport {
  const byUrn = new Map<string, ResourceDrift | "same">();
  for (const event of events) {
    const step = event.resOutputsEvent?.metadata;
    if (!step || isBookkeeping(step.type)) continue;
    const op = String(step.op);
    if (op === "delete" || (op === "refresh" && step.old && !step.new)) {
      byUrn.set(step.urn, {
        name: nameFromUrn(step.urn),
        type: step.type,
        urn: step.urn,
        change: "deleted",
        properties: [],
      });
      continue;
    }
    const old = step.old?.outputs ?? {};
    const now = step.new?.outputs ?? {};
    const named = step.detailedDiff ? Object.keys(step.detailedDiff) : (step.diffs ?? []);
    const paths = (named.length > 0 ? named : differingKeys(old, now)).sort();
    if ((op !== "update" && op !== "refresh") || paths.length === 0) {
      if (!byUrn.has(step.urn)) byUrn.set(step.urn, "same");
      continue;
    }
    const properties = paths.map((path) => ({ path, old: valueAt(old, path), new: valueAt(now, path) }));
    byUrn.set(step.urn, {
      name: nameFromUrn(step.urn),
      type: step.type,
      urn: step.urn,
      change: "changed",
      properties,
    });
  }
  const drifted = [...byUrn.values()].filter((item): item is ResourceDrift => item !== "same");
  return { drifted, unchanged: byUrn.size - drifted.length };
}

const shown = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value));

/** Each drifted resource, then each property as `path: old -> new`. */
export function renderDrift(report: DriftReport, stackName: string, style: ChalkInstance): string {
  if (report.drifted.length === 0) {
    return `No drift: every resource of stack "${stackName}" is as deployed (${report.unchanged} checked).`;
  }
  const lines = [`Changed outside bavest-signals, in stack "${stackName}":`];
  for (const resource of report.drifted) {
    const type = style.dim(shortType(resource.type));
    if (resource.change === "deleted") {
      lines.push(`  ${style.red("- deleted")} ${resource.name}  ${type}  (no longer exists in the cloud)`);
      continue;
    }
    lines.push(`  ${style.yellow("~ changed")} ${resource.name}  ${type}`);
    for (const property of resource.properties) {
      lines.push(`      ${property.path}: ${shown(property.old)} -> ${shown(property.new)}`);
    }
  }
  lines.push(`  ${report.drifted.length} drifted, ${report.unchanged} unchanged`);
  return lines.join("\n");
}
