import { hostname } from "node:os";
import type { LockFile } from "./lockStore.js";
import type { UnlockResult } from "./run.js";

/** The confirmation question: every file and operation that will be touched. */
export function describePlan(plan: Pick<UnlockResult, "stack" | "locks" | "pendingOperations">): string {
  const lines = [`Unlock stack "${plan.stack}"? Only do this when no other deploy is running. This will:`];
  for (const lock of plan.locks) lines.push(`  remove the lock ${lock.location}${holderText(lock)}`);
  for (const operation of plan.pendingOperations) {
    lines.push(`  drop the pending operation "${operation.type}" of ${operation.urn}`);
  }
  return lines.join("\n");
}

function holderText(lock: LockFile): string {
  const holder = lock.holder;
  if (!holder) return "";
  const running = holderIsRunningHere(holder) ? "; that process is STILL RUNNING on this machine" : "";
  return ` (taken by ${holder.username ?? "?"}@${holder.hostname ?? "?"}, pid ${holder.pid ?? "?"}, at ${holder.timestamp ?? "?"}${running})`;
}

/** A lock taken on this machine by a process that still exists is probably a deploy in progress. */
function holderIsRunningHere(holder: NonNullable<LockFile["holder"]>): boolean {
  if (holder.hostname !== hostname() || typeof holder.pid !== "number") return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** What was done and what to check next. */
export function renderUnlock(result: UnlockResult): string {
  if (!result.unlocked) return "Nothing changed.";
  const lines: string[] = [];
  if (result.backend !== "service" && result.locks.length === 0 && result.pendingOperations.length === 0) {
    lines.push(`Stack "${result.stack}" was not locked and has no pending operations: nothing to do.`);
    return lines.join("\n");
  }
  lines.push(`Stack "${result.stack}" is unlocked.`);
  for (const lock of result.locks) lines.push(`  removed ${lock.location}`);
  for (const operation of result.pendingOperations)
    lines.push(`  dropped pending "${operation.type}" of ${operation.urn}`);
  if (result.pendingOperations.some((operation) => operation.type === "creating")) {
    lines.push(
      "An interrupted create may have left a resource in AWS that the state no longer knows: check the resources above in the AWS console.",
    );
  }
  lines.push(
    result.refreshed
      ? "The state was refreshed from AWS."
      : `Next, bring the state in line with AWS: bavest-signals deploy --stack ${result.stack} --refresh`,
  );
  return lines.join("\n");
}
