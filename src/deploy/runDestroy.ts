import type { S3Client } from "@aws-sdk/client-s3";
import { STACK_OUTPUTS } from "../core/stackOutputs.js";
import { CliError, UsageError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import type { Engine, OpenEngine, OperationSummary } from "../stack/engine/types.js";
import { validateStackName } from "../stack/workspace.js";
import type { FailureBucketContents } from "./failureBucket.js";
import type { SignalSource } from "./interrupt.js";
import type { ProgressRenderer } from "./progressRenderer.js";
import { describeChanges } from "./progressTracker.js";
import { assertCanConfirm, plainOutputs } from "./runDeploy.js";
import { runOperation } from "./runOperation.js";

export interface DestroyOptions {
  stack: string;
  yes: boolean;
  removeStack: boolean;
  /** Delete what the failure bucket holds first (needs --yes): S3 refuses to delete a bucket with objects. */
  emptyFailureBucket?: boolean;
}

export interface DestroyDeps {
  openEngine: OpenEngine;
  output: Output;
  interactive: boolean;
  /** Asks the user to type something; destroy wants the stack's name. */
  askText: (message: string) => Promise<string>;
  signals: SignalSource;
  startRenderer?: (output: Output, title: string) => Promise<ProgressRenderer>;
  /** An S3 client in the stack's region, to count (and on request empty) its failure bucket. */
  s3?: (region: string | undefined) => Promise<S3Client>;
  env?: NodeJS.ProcessEnv;
}

export interface DestroyResult {
  stack: string;
  status: "destroyed" | "declined";
  summary?: OperationSummary;
  stackRemoved: boolean;
  /** Objects (or versions) deleted from the failure bucket before the destroy. */
  failureObjectsDeleted: number;
}

/**
 * Deletes every resource of the stack (after the user typed its name), then optionally the stack.
 * Everything that can fail is checked before asking: the Pulumi CLI, the stack, the failure bucket.
 */
export async function runDestroy(options: DestroyOptions, deps: DestroyDeps): Promise<DestroyResult> {
  validateStackName(options.stack);
  const engine = await deps.openEngine(options.stack, "select");
  const bucket = await failureBucketOf(engine, deps);
  if (bucket && bucket.contents.blocking.length > 0 && !options.emptyFailureBucket) {
    throw nonEmptyBucket(options.stack, bucket.contents);
  }
  if (options.emptyFailureBucket && !options.yes) {
    throw new UsageError("--empty-failure-bucket deletes failed batches for good: it needs --yes.", {
      hint: `Send them again first (bavest-signals redrive --stack ${options.stack}); then: bavest-signals destroy --stack ${options.stack} --empty-failure-bucket --yes`,
    });
  }
  assertCanConfirm({ ...options, interactive: deps.interactive, verb: "destroy" });
  const declined = {
    stack: options.stack,
    status: "declined" as const,
    stackRemoved: false,
    failureObjectsDeleted: 0,
  };
  if (!options.yes) {
    const typed = await deps.askText(
      `This deletes every resource of stack "${options.stack}". Type the stack name to confirm:`,
    );
    if (typed.trim() !== options.stack) {
      deps.output.info(`"${typed.trim()}" is not "${options.stack}".`);
      return declined;
    }
  }
  let failureObjectsDeleted = 0;
  if (bucket && options.emptyFailureBucket && bucket.contents.blocking.length > 0) {
    const { emptyFailureBucket } = await import("./failureBucket.js");
    deps.output.info(`Emptying ${bucket.contents.bucket} (${bucket.contents.blocking.length} object(s))...`);
    failureObjectsDeleted = await emptyFailureBucket(bucket.s3, bucket.contents);
  }
  const { summary } = await runOperation(
    { output: deps.output, signals: deps.signals, startRenderer: deps.startRenderer },
    {
      stackName: options.stack,
      verb: "Destroying",
      retry: `bavest-signals destroy --stack ${options.stack}`,
      start: (o) => engine.destroy(o),
    },
  );
  if (summary.result === "failed") {
    throw new CliError(`Destroying stack "${options.stack}" did not finish.`, {
      hint: `Run again: bavest-signals destroy --stack ${options.stack}`,
    });
  }
  if (options.removeStack) await engine.removeStack();
  return {
    stack: options.stack,
    status: "destroyed",
    summary,
    stackRemoved: options.removeStack,
    failureObjectsDeleted,
  };
}

/** The deployed stack's failure bucket and what it holds; none for a stack never deployed. */
async function failureBucketOf(
  engine: Engine,
  deps: DestroyDeps,
): Promise<{ s3: S3Client; contents: FailureBucketContents } | undefined> {
  if (!deps.s3) return undefined;
  const outputs = plainOutputs(await engine.outputs());
  const name = outputs[STACK_OUTPUTS.failureBucketName];
  if (typeof name !== "string" || name === "") return undefined;
  const [{ stackRegion }, { readFailureBucket }] = await Promise.all([
    import("../cloud/outputs.js"),
    import("./failureBucket.js"),
  ]);
  const s3 = await deps.s3(stackRegion(outputs, deps.env ?? {}));
  try {
    return { s3, contents: await readFailureBucket(s3, name) };
  } catch (error) {
    // Gone already (an earlier destroy got that far): nothing to stop for.
    if ((error as Error).name === "NoSuchBucket") return undefined;
    // Not readable: the destroy itself will say whether S3 keeps the bucket.
    deps.output.warn(
      `Could not count what ${name} holds (${(error as Error).name}): destroying without checking.`,
    );
    return undefined;
  }
}

function nonEmptyBucket(stack: string, contents: FailureBucketContents): CliError {
  const what = contents.versioned
    ? `${contents.blocking.length} object version(s) and delete marker(s)`
    : `${contents.blocking.length} object(s)`;
  return new CliError(
    `Stack "${stack}" cannot be destroyed yet: its failure bucket ${contents.bucket} holds ${what} (${contents.failedBatches} failed batch(es) of records), and S3 does not delete a bucket that is not empty.`,
    {
      hint: `Send the failed records through the stream again: bavest-signals redrive --stack ${stack}\nOr delete them with the stack: bavest-signals destroy --stack ${stack} --empty-failure-bucket --yes`,
    },
  );
}

export function renderDestroy(result: DestroyResult): string {
  if (result.status === "declined") return "Nothing destroyed.";
  const changes = result.summary ? describeChanges(result.summary.resourceChanges) : "";
  const removed = result.stackRemoved
    ? "The stack and its config were removed."
    : `The stack and its config remain: bavest-signals deploy --stack ${result.stack} recreates it.`;
  const emptied =
    result.failureObjectsDeleted > 0
      ? [`${result.failureObjectsDeleted} object(s) deleted from the failure bucket first.`]
      : [];
  return [`Stack "${result.stack}" destroyed. ${changes}`.trim(), ...emptied, removed].join("\n");
}
