import type { StackConfig } from "../config.js";

/** What one rule found: an error refuses configure, `synth --check` and deploy; a warning is printed. */
export interface Finding {
  severity: "error" | "warning";
  /** The config key at fault, e.g. `bavest-signals:schedule`. */
  key: string;
  /** The rule's name, e.g. `eventbridge-cron-question-mark`. */
  rule: string;
  message: string;
  /** What to run or change, in the `bavest-signals <command> ...` form. */
  fix: string;
  /** Where AWS documents the constraint. */
  docUrl: string;
}

/** One AWS constraint the provider does not check at preview time; returns what it found. */
export type Rule = (config: StackConfig) => Finding[];
