import type { StackDeployment } from "../types.js";

/** An operation an interrupted update left in the state: the engine refuses to go on until it is cleared. */
export interface PendingOperation {
  /** `creating`, `updating`, `deleting`, `reading`, ... */
  type: string;
  urn: string;
}

/**
 * The `pending_operations` of an exported state (`pulumi stack export`).
 * https://www.pulumi.com/docs/iac/operations/troubleshooting/interrupted-updates/
 */
export function pendingOperations(state: StackDeployment): PendingOperation[] {
  const list = (state.deployment as { pending_operations?: unknown } | undefined)?.pending_operations;
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const operation = item as { type?: unknown; resource?: { urn?: unknown } };
    return { type: String(operation.type ?? "unknown"), urn: String(operation.resource?.urn ?? "") };
  });
}

/** The same state without its pending operations, everything else untouched. */
export function withoutPendingOperations(state: StackDeployment): StackDeployment {
  const { pending_operations: _dropped, ...rest } = (state.deployment ?? {}) as Record<string, unknown>;
  return { ...state, deployment: rest };
}
