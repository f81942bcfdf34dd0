import type { ConfigFieldName } from "../stack/configFields.js";
import { CONFIG_HELP } from "../stack/configHelp.js";

/**
 * What `plan --help` says about a what-if flag: the setting's meaning, allowed values and unit
 * from the one settings help table, and that it only overrides the stack's config for the plan.
 */
export function planFlagHelp(name: ConfigFieldName): string {
  const help = CONFIG_HELP[name];
  const unit = help.unit ? ` ${help.unit}` : "";
  const allowed =
    name === "symbols" ? `${help.allowed}, or a number N for N synthetic symbols` : `${help.allowed}${unit}`;
  const otherwise = help.default === undefined ? "not set" : `${help.default}${unit}`;
  return `as if configured: ${help.meaning}; allowed: ${allowed}; default: the stack's value, else ${otherwise}`;
}
