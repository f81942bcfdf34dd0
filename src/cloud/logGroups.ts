import { FUNCTION_OUTPUTS } from "../core/stackOutputs.js";

/**
 * The log group a deployed function writes to: the stack's `<function>_log_group_name` output,
 * else Lambda's default `/aws/lambda/<function name>` (stacks deployed before that output).
 */
export function logGroupOf(
  outputs: Record<string, unknown>,
  which: "ingestion" | "processing",
): string | undefined {
  const group = outputs[FUNCTION_OUTPUTS[which].logGroupName];
  if (typeof group === "string" && group !== "") return group;
  const name = outputs[FUNCTION_OUTPUTS[which].lambdaName];
  return typeof name === "string" && name !== "" ? `/aws/lambda/${name}` : undefined;
}
