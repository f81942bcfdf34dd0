import type { EngineEvent, OpMap } from "../stack/engine/types.js";
import { formatSeconds, isBookkeeping, nameFromUrn, shortType, verbsFor } from "./resourceNames.js";

/** One thing worth telling the user, derived from one or more engine events. */
export type ProgressItem =
  | {
      type: "resource";
      phase: "started" | "done" | "failed";
      op: string;
      urn: string;
      name: string;
      resourceType: string;
      elapsedMs?: number;
      error?: string;
    }
  | { type: "diagnostic"; severity: "warning" | "error" | "info"; message: string; urn?: string }
  | { type: "summary"; changes: OpMap; durationSeconds: number }
  | { type: "cancelled" };

export interface ActiveResource {
  name: string;
  verb: string;
  elapsedMs: number;
}

interface Running {
  op: string;
  name: string;
  resourceType: string;
  startedAt: number;
}

/** The text after the engine's own "error: " prefix and trailing blank lines. */
function cleanMessage(message: string): string {
  return message.replace(/^\s*error:\s*/i, "").trim();
}

/**
 * Follows an operation's engine events: which resources run, since when, which failed and
 * why. Pure apart from the injected clock, so recorded event sequences replay exactly.
 */
export class ProgressTracker {
  private readonly running = new Map<string, Running>();
  private readonly errors = new Map<string, string>();
  readonly failed: ProgressItem[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  apply(event: EngineEvent): ProgressItem[] {
    if (event.resourcePreEvent && !event.resourcePreEvent.planning)
      return this.started(event.resourcePreEvent.metadata);
    if (event.resOutputsEvent && !event.resOutputsEvent.planning)
      return this.finished(event.resOutputsEvent.metadata.urn);
    if (event.resOpFailedEvent) return this.failedResource(event.resOpFailedEvent.metadata);
    if (event.diagnosticEvent) return this.diagnostic(event.diagnosticEvent);
    if (event.summaryEvent) {
      const { resourceChanges, durationSeconds } = event.summaryEvent;
      return [{ type: "summary", changes: resourceChanges, durationSeconds }];
    }
    if (event.cancelEvent) return [{ type: "cancelled" }];
    return [];
  }

  /** The resources still in flight, for a spinner's text. */
  active(): ActiveResource[] {
    const now = this.now();
    return [...this.running.values()].map((item) => ({
      name: item.name,
      verb: verbsFor(item.op).running,
      elapsedMs: now - item.startedAt,
    }));
  }

  private started(metadata: { op: string; urn: string; type: string }): ProgressItem[] {
    if (metadata.op === "same" || isBookkeeping(metadata.type)) return [];
    const entry = {
      op: metadata.op,
      name: nameFromUrn(metadata.urn),
      resourceType: metadata.type,
      startedAt: this.now(),
    };
    this.running.set(metadata.urn, entry);
    return [
      {
        type: "resource",
        phase: "started",
        op: entry.op,
        urn: metadata.urn,
        name: entry.name,
        resourceType: entry.resourceType,
      },
    ];
  }

  private finished(urn: string): ProgressItem[] {
    const entry = this.running.get(urn);
    if (!entry) return [];
    this.running.delete(urn);
    const elapsedMs = this.now() - entry.startedAt;
    return [
      {
        type: "resource",
        phase: "done",
        op: entry.op,
        urn,
        name: entry.name,
        resourceType: entry.resourceType,
        elapsedMs,
      },
    ];
  }

  private failedResource(metadata: { op: string; urn: string; type: string }): ProgressItem[] {
    const entry = this.running.get(metadata.urn);
    this.running.delete(metadata.urn);
    const item: ProgressItem = {
      type: "resource",
      phase: "failed",
      op: metadata.op,
      urn: metadata.urn,
      name: nameFromUrn(metadata.urn),
      resourceType: metadata.type,
      elapsedMs: entry ? this.now() - entry.startedAt : undefined,
      error: this.errors.get(metadata.urn),
    };
    this.failed.push(item);
    return [item];
  }

  private diagnostic(event: NonNullable<EngineEvent["diagnosticEvent"]>): ProgressItem[] {
    const message = cleanMessage(event.message);
    const severity = event.severity === "info#err" ? "info" : event.severity;
    if (severity === "error" && event.urn && !isBookkeeping(urnType(event.urn))) {
      // The engine reports a resource's error just before (or after) its failure event.
      const known = this.errors.get(event.urn);
      this.errors.set(event.urn, known ? `${known}\n${message}` : message);
      const failure = this.failed.find((item) => item.type === "resource" && item.urn === event.urn);
      if (failure && failure.type === "resource") {
        failure.error = this.errors.get(event.urn);
        return [{ type: "diagnostic", severity, message, urn: event.urn }];
      }
      return [];
    }
    if (event.ephemeral) return [];
    return [{ type: "diagnostic", severity, message, urn: event.urn }];
  }
}

function urnType(urn: string): string {
  const parts = urn.split("::");
  const qualified = parts[parts.length - 2] ?? "";
  return qualified.split("$").pop() ?? qualified;
}

/** One plain line for an item (no colour), or null when it only feeds the spinner. */
export function describeItem(item: ProgressItem): string | null {
  switch (item.type) {
    case "resource": {
      const verbs = verbsFor(item.op);
      const label = `${item.name} (${shortType(item.resourceType)})`;
      const took = item.elapsedMs === undefined ? "" : `  ${formatSeconds(item.elapsedMs / 1000)}`;
      if (item.phase === "started") return `${verbs.symbol} ${verbs.running} ${label}...`;
      if (item.phase === "done") return `${verbs.symbol} ${verbs.done} ${label}${took}`;
      return `x failed to ${item.op} ${label}${took}${item.error ? `\n    ${item.error.replace(/\n/g, "\n    ")}` : ""}`;
    }
    case "diagnostic":
      return item.severity === "info" ? item.message : `${item.severity}: ${item.message}`;
    case "summary":
      return `${describeChanges(item.changes)} in ${formatSeconds(item.durationSeconds)}`;
    case "cancelled":
      return "The engine cancelled the operation.";
  }
}

/** `3 created, 1 updated, 12 unchanged`; "no changes" when nothing changed. */
export function describeChanges(changes: OpMap): string {
  const parts = Object.entries(changes)
    .filter(([, count]) => (count ?? 0) > 0)
    .map(([op, count]) => (op === "same" ? `${count} unchanged` : `${count} ${verbsFor(op).done}`));
  return parts.length === 0 ? "no changes" : `Resources: ${parts.join(", ")}`;
}
