import { UsageError } from "../../lib/errors.js";
import type { StackConfig } from "../config.js";
import { CONFIG_RULES } from "./configRules.js";
import type { Finding } from "./types.js";

export { AWS_DOCS } from "./docs.js";
export { programFindings } from "./programRules.js";
export type { Finding, Rule } from "./types.js";

/** Every rule's findings on a stack configuration, errors first. */
export function runRules(config: StackConfig): Finding[] {
  const findings = CONFIG_RULES.flatMap((rule) => rule(config));
  return [
    ...findings.filter((f) => f.severity === "error"),
    ...findings.filter((f) => f.severity === "warning"),
  ];
}

export const errorsOf = (findings: Finding[]): Finding[] => findings.filter((f) => f.severity === "error");

/** One finding as text: what, the rule and its documentation, the fix. */
export function renderFinding(finding: Finding): string {
  const label = finding.severity === "error" ? "error" : "warning";
  return `${label}: ${finding.key}: ${finding.message} [${finding.rule}, ${finding.docUrl}]\n  fix: ${finding.fix}`;
}

/**
 * Throws a UsageError (exit 2) for the first error finding, naming the key, the rule and the
 * fix; returns the warnings otherwise.
 */
export function refuseErrors(findings: Finding[]): Finding[] {
  const [first, ...others] = errorsOf(findings);
  if (first) {
    const more =
      others.length > 0 ? ` (and ${others.length} more: ${others.map((f) => f.rule).join(", ")})` : "";
    throw new UsageError(`Config "${first.key}" breaks AWS rule ${first.rule}: ${first.message}${more}`, {
      hint: `${first.fix}  See ${first.docUrl}`,
    });
  }
  return findings.filter((f) => f.severity === "warning");
}
