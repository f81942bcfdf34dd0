import { STACK_OUTPUTS } from "../core/stackOutputs.js";
import { CliError } from "../lib/errors.js";
import type { OpenEngine } from "../stack/engine/types.js";

export interface StackOutputsDeps {
  openEngine: OpenEngine;
}

/** The outputs every deployed stack has (docs/contracts.md section 6). */
export const REQUIRED_OUTPUTS = [
  STACK_OUTPUTS.ingestionLambdaName,
  STACK_OUTPUTS.processingLambdaName,
  STACK_OUTPUTS.kinesisStreamName,
  STACK_OUTPUTS.redisPrimaryEndpoint,
] as const;

/**
 * A deployed stack's outputs as plain values (secret ones as `[secret]`). Fails with the
 * command to run when the stack does not exist or was never deployed.
 */
export async function getStackOutputs(
  stackName: string,
  deps: StackOutputsDeps,
): Promise<Record<string, unknown>> {
  const engine = await deps.openEngine(stackName, "select");
  const outputs = await engine.outputs();
  if (Object.keys(outputs).length === 0) {
    throw new CliError(`Stack "${stackName}" has no outputs: it was never deployed (or was destroyed).`, {
      hint: `Run: bavest-signals deploy --stack ${stackName}`,
    });
  }
  return Object.fromEntries(
    Object.entries(outputs)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, item]) => [key, item.secret ? "[secret]" : item.value]),
  );
}

/** One output as a non-empty string, or a message saying the stack lacks it. */
export function requireOutput(outputs: Record<string, unknown>, name: string, stackName: string): string {
  const value = outputs[name];
  if (typeof value === "string" && value !== "") return value;
  throw new CliError(`Stack "${stackName}" has no output "${name}".`, {
    hint: `Deploy the current program: bavest-signals deploy --stack ${stackName}`,
  });
}

/** The region a stack runs in: its `region` output, else the AWS default chain decides. */
export function stackRegion(outputs: Record<string, unknown>, env: NodeJS.ProcessEnv): string | undefined {
  const region = outputs[STACK_OUTPUTS.region];
  return typeof region === "string" && region !== "" ? region : (env.AWS_REGION ?? env.AWS_DEFAULT_REGION);
}
