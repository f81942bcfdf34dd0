import type { ChalkInstance } from "chalk";
import type { EngineEvent, OpMap } from "../stack/engine/types.js";
import { isBookkeeping, nameFromUrn, shortType } from "./resourceNames.js";

/** One resource the preview would touch. */
export interface PlannedChange {
  op: "create" | "update" | "replace" | "delete";
  name: string;
  type: string;
  /** The properties that differ, when the engine says. */
  diffs: string[];
}

export interface ChangePlan {
  changes: PlannedChange[];
  unchanged: number;
  counts: OpMap;
}

/** The engine's many replacement steps collapse into the four verbs users think in. */
function userOp(op: string): PlannedChange["op"] | null {
  if (op === "create" || op === "import") return "create";
  if (op === "update") return "update";
  if (op === "replace" || op === "create-replacement" || op === "delete-replaced") return "replace";
  if (op === "delete" || op === "discard") return "delete";
  return null;
}

/** Collects a preview's events into one line per changed resource. */
export function collectChangePlan(events: readonly EngineEvent[], counts: OpMap = {}): ChangePlan {
  const byUrn = new Map<string, PlannedChange>();
  let unchanged = 0;
  for (const event of events) {
    const metadata = event.resourcePreEvent?.metadata;
    if (!metadata || isBookkeeping(metadata.type)) continue;
    const op = userOp(metadata.op);
    if (op === null) {
      if (metadata.op === "same") unchanged += 1;
      continue;
    }
    // A replacement shows up as several steps; keep one line for it.
    const known = byUrn.get(metadata.urn);
    if (known && known.op === "replace") continue;
    byUrn.set(metadata.urn, {
      op,
      name: nameFromUrn(metadata.urn),
      type: metadata.type,
      diffs: metadata.diffs ?? [],
    });
  }
  return { changes: [...byUrn.values()], unchanged, counts };
}

const MARKS: Record<PlannedChange["op"], string> = { create: "+", update: "~", replace: "+-", delete: "-" };
const ORDER: PlannedChange["op"][] = ["create", "update", "replace", "delete"];

/** The compact summary printed before asking to confirm. */
export function renderChangePlan(plan: ChangePlan, stackName: string, style: ChalkInstance): string {
  if (plan.changes.length === 0)
    return `No changes to stack "${stackName}" (${plan.unchanged} resources unchanged).`;
  const colour = { create: style.green, update: style.yellow, replace: style.magenta, delete: style.red };
  const nameWidth = Math.max(...plan.changes.map((change) => change.name.length));
  const sorted = [...plan.changes].sort((a, b) => ORDER.indexOf(a.op) - ORDER.indexOf(b.op));
  const lines = sorted.map((change) => {
    const diffs = change.diffs.length > 0 ? style.dim(`  [${change.diffs.join(", ")}]`) : "";
    const head = `${MARKS[change.op].padEnd(2)} ${change.op.padEnd(7)}`;
    return `  ${colour[change.op](head)} ${change.name.padEnd(nameWidth)}  ${style.dim(shortType(change.type))}${diffs}`;
  });
  const totals = ORDER.map((op) => [op, plan.changes.filter((change) => change.op === op).length] as const)
    .filter(([, count]) => count > 0)
    .map(([op, count]) => `${count} to ${op}`);
  totals.push(`${plan.unchanged} unchanged`);
  return [`Changes to stack "${stackName}":`, ...lines, `  ${totals.join(", ")}`].join("\n");
}

/** True when applying the plan would change anything. */
export function hasChanges(plan: ChangePlan): boolean {
  return plan.changes.length > 0;
}
