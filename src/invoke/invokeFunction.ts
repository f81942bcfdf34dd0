import type { InvokeCommandOutput, LambdaClient } from "@aws-sdk/client-lambda";
import { CliError } from "../lib/errors.js";

export interface InvocationResult {
  functionName: string;
  statusCode: number | undefined;
  /** Set when the function threw: `Unhandled` or `Handled`. */
  functionError: string | undefined;
  /** The function's answer, parsed when it is JSON. */
  response: unknown;
  /** The last 4 KB of the invocation's log, decoded. */
  logTail: string;
}

/** Invokes a function synchronously with the tail of its log (LogType Tail). */
export async function invokeFunction(
  client: LambdaClient,
  functionName: string,
  payload: unknown,
): Promise<InvocationResult> {
  const { InvokeCommand } = await import("@aws-sdk/client-lambda");
  let answer: InvokeCommandOutput;
  try {
    answer = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: "RequestResponse",
        LogType: "Tail",
        Payload: Buffer.from(JSON.stringify(payload), "utf8"),
      }),
    );
  } catch (error) {
    throw new CliError(`Invoking ${functionName} failed: ${(error as Error).message}`, {
      hint: "Check the AWS credentials and region (bavest-signals doctor --only cloud --online).",
      cause: error,
    });
  }
  const text = answer.Payload ? Buffer.from(answer.Payload).toString("utf8") : "";
  return {
    functionName,
    statusCode: answer.StatusCode,
    functionError: answer.FunctionError,
    response: parseMaybeJson(text),
    logTail: answer.LogResult ? Buffer.from(answer.LogResult, "base64").toString("utf8") : "",
  };
}

function parseMaybeJson(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
