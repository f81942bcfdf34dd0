import { CliError } from "../lib/errors.js";
import type { PreflightReport } from "./types.js";

/** Stops a deploy whose preflight failed, naming each failed check and its fix. */
export function assertPreflightPassed(report: PreflightReport, stack: string): void {
  const failed = report.checks.filter((check) => !check.ok);
  if (failed.length === 0) return;
  const lines = failed.map(
    (check) => `  ${check.id}: ${check.detail}\n    Fix: ${check.fix ?? `see ${check.doc}`}`,
  );
  throw new CliError(
    `Stack "${stack}" cannot be deployed as configured: ${failed.length} preflight check(s) failed, before anything changed.\n${lines.join("\n")}`,
    {
      hint: `Fix the above and run again (bavest-signals preflight --stack ${stack} re-checks), or deploy anyway with --skip-preflight.`,
    },
  );
}
