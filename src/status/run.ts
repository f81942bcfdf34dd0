import type { Output } from "../lib/output.js";
import type { CloudStatusTarget } from "./cloudSource.js";
import type { ResolveCloudTarget } from "./cloudTarget.js";
import { DEFAULT_THRESHOLDS, evaluateStatus, type HealthThresholds } from "./health.js";
import type { LocalStatusDeps } from "./localSource.js";
import type { StatusReport } from "./types.js";

export interface StatusOptions {
  local: boolean;
  stack: string;
  env: NodeJS.ProcessEnv;
}

export interface StatusDeps {
  output: Output;
  local?: LocalStatusDeps;
  resolveCloudTarget?: ResolveCloudTarget;
  thresholds?: HealthThresholds;
  now?: () => number;
}

/** Checks the same target again and again (for --watch) without resolving it each time. */
export interface StatusSession {
  check(): Promise<StatusReport>;
  close(): Promise<void>;
}

/** Opens the local pipeline or a stack for status checks; the stack is resolved once. */
export async function openStatusSession(options: StatusOptions, deps: StatusDeps): Promise<StatusSession> {
  const now = deps.now ?? Date.now;
  const thresholds = deps.thresholds ?? DEFAULT_THRESHOLDS;
  if (options.local) {
    const { gatherLocalFacts } = await import("./localSource.js");
    // Each check remembers the backlog it saw, so the next (status --watch) can tell it grows.
    let previousBacklog: number | null | undefined;
    return {
      async check() {
        const facts = await gatherLocalFacts(options.env, { now, ...deps.local });
        if (previousBacklog !== undefined) facts.stream.previousBacklog = previousBacklog;
        previousBacklog = facts.stream.backlog ?? null;
        return evaluateStatus(facts, now(), thresholds);
      },
      close: async () => {},
    };
  }
  const resolve = deps.resolveCloudTarget ?? (await import("./cloudTarget.js")).defaultCloudTarget;
  const target: CloudStatusTarget = await resolve(options.stack, options.env, deps.output);
  const { gatherCloudFacts } = await import("./cloudSource.js");
  return {
    async check() {
      const at = now();
      return evaluateStatus(await gatherCloudFacts(target, at), at, thresholds);
    },
    close: async () => target.close?.(),
  };
}

/** One status check of the local pipeline or a stack. */
export async function runStatus(options: StatusOptions, deps: StatusDeps): Promise<StatusReport> {
  const session = await openStatusSession(options, deps);
  try {
    return await session.check();
  } finally {
    await session.close();
  }
}
