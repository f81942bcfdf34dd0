import type { Output } from "../lib/output.js";
import { PREFLIGHT_CACHE_TTL_MS } from "../preflight/cache.js";
import { assertPreflightPassed } from "../preflight/gate.js";
import type { PreflightRun } from "../preflight/run.js";
import type { Engine } from "../stack/engine/types.js";

/**
 * Deploy's preflight: asks AWS before the preview and stops with the fixes when a check fails;
 * says so when it was skipped, or when a pass of the last minutes is reused.
 */
export async function preflightStep(step: {
  stack: string;
  skipPreflight?: boolean;
  output: Output;
  engine: Engine;
  preflight?: (engine: Engine) => Promise<PreflightRun>;
}): Promise<void> {
  if (!step.preflight) return;
  if (step.skipPreflight) {
    step.output.warn("Preflight skipped (--skip-preflight): AWS was not asked before the preview.");
    return;
  }
  step.output.info(`Preflight: asking AWS whether stack "${step.stack}" can be created (read-only)...`);
  const { report, cached } = await step.preflight(step.engine);
  assertPreflightPassed(report, step.stack);
  step.output.info(
    cached
      ? `Preflight passed less than ${PREFLIGHT_CACHE_TTL_MS / 60_000} minutes ago with this config: not asked again.`
      : `Preflight: all ${report.checks.length} checks passed.`,
  );
}
