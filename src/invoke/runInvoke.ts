import type { LambdaClient } from "@aws-sdk/client-lambda";
import { requireOutput, stackRegion } from "../cloud/outputs.js";
import { FUNCTION_OUTPUTS, STACK_OUTPUTS } from "../core/stackOutputs.js";
import { buildKinesisEvent, recordsForEnvelopes, scheduledEvent } from "../kinesis/event.js";
import { CliError, UsageError } from "../lib/errors.js";
import { parseFixture } from "./fixture.js";
import { type InvocationResult, invokeFunction } from "./invokeFunction.js";

export type InvokeTarget = "ingestion" | "processing";

/** The role an `invoke` event says it comes with: a placeholder, as no mapping sends it. */
const INVOKE_ROLE_ARN = "arn:aws:iam::000000000000:role/bavest-signals-invoke";

export interface InvokeOptions {
  stack: string;
  target: InvokeTarget;
  fixture?: string;
}

export interface InvokeDeps {
  getOutputs: (stack: string) => Promise<Record<string, unknown>>;
  lambdaClient: (region: string | undefined) => Promise<LambdaClient>;
  readText: (path: string) => Promise<string>;
  env: NodeJS.ProcessEnv;
  now?: () => Date;
}

export interface InvokeResult extends InvocationResult {
  stack: string;
  target: InvokeTarget;
  records?: number;
  /** Processing only: the sequence numbers the function asked Kinesis to retry. */
  batchItemFailures?: string[];
}

/** Invokes one of the stack's functions: ingestion with a scheduled event, processing with a fixture. */
export async function runInvoke(options: InvokeOptions, deps: InvokeDeps): Promise<InvokeResult> {
  if (options.target === "processing" && options.fixture === undefined) {
    throw new UsageError("invoke processing needs records to process.", {
      hint: `Pass a fixture: bavest-signals invoke processing --stack ${options.stack} --fixture fixtures/replay/quotes.jsonl`,
    });
  }
  const outputs = await deps.getOutputs(options.stack);
  const functionName = requireOutput(outputs, FUNCTION_OUTPUTS[options.target].lambdaName, options.stack);
  const region = stackRegion(outputs, deps.env);
  const now = (deps.now ?? (() => new Date()))();
  let payload: unknown;
  let records: number | undefined;
  if (options.target === "processing") {
    const envelopes = parseFixture(await deps.readText(options.fixture as string), options.fixture as string);
    records = envelopes.length;
    const givenArn = outputs[STACK_OUTPUTS.kinesisStreamArn];
    const streamArn = typeof givenArn === "string" ? givenArn : "arn:aws:kinesis:::stream/fixture";
    // The records "arrived" now, to the second, like the sample events of `sam local generate-event`.
    const arrival = new Date(Math.floor(now.getTime() / 1000) * 1000);
    payload = buildKinesisEvent(recordsForEnvelopes(envelopes, arrival), {
      region: region ?? "us-east-1",
      streamName: "",
      streamArn,
      invokeRoleArn: INVOKE_ROLE_ARN,
    });
  } else {
    payload = scheduledEvent(region ?? "us-east-1", now);
  }
  const client = await deps.lambdaClient(region);
  const result = await invokeFunction(client, functionName, payload);
  const base: InvokeResult = { ...result, stack: options.stack, target: options.target, records };
  if (options.target === "processing") base.batchItemFailures = batchItemFailuresOf(result.response);
  return base;
}

function batchItemFailuresOf(response: unknown): string[] {
  const failures = (response as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (!Array.isArray(failures)) return [];
  return failures.map((item) => String((item as { itemIdentifier?: unknown }).itemIdentifier ?? ""));
}

/** The function's answer and the tail of its log. */
export function renderInvoke(result: InvokeResult): string {
  const lines = [
    `${result.functionName} answered (status ${result.statusCode ?? "?"}${result.functionError ? `, ${result.functionError} error` : ""}):`,
  ];
  if (result.target === "processing" && !result.functionError) {
    const failures = result.batchItemFailures ?? [];
    lines.push(
      `  ${result.records ?? 0} record(s) sent; batchItemFailures: ${failures.length === 0 ? "none" : failures.length}`,
      ...failures.map((id) => `    ${id}`),
    );
  } else {
    lines.push(
      ...JSON.stringify(result.response, null, 2)
        .split("\n")
        .map((line) => `  ${line}`),
    );
  }
  if (result.logTail.trim() !== "") {
    lines.push(
      "",
      "Log tail:",
      ...result.logTail
        .trimEnd()
        .split("\n")
        .map((line) => `  ${line}`),
    );
  }
  return lines.join("\n");
}

/** Thrown after rendering when the function itself failed. */
export function functionFailed(result: InvokeResult): CliError {
  return new CliError(`${result.functionName} failed (${result.functionError}).`, {
    hint: "The log tail above shows why; fix it and run: bavest-signals deploy",
  });
}
