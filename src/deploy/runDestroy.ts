import { CliError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import type { OpenEngine, OperationSummary } from "../stack/engine/types.js";
import type { SignalSource } from "./interrupt.js";
import type { ProgressRenderer } from "./progressRenderer.js";
import { describeChanges } from "./progressTracker.js";
import { assertCanConfirm } from "./runDeploy.js";
import { runOperation } from "./runOperation.js";

export interface DestroyOptions {
  stack: string;
  yes: boolean;
  removeStack: boolean;
}

export interface DestroyDeps {
  openEngine: OpenEngine;
  output: Output;
  interactive: boolean;
  /** Asks the user to type something; destroy wants the stack's name. */
  askText: (message: string) => Promise<string>;
  signals: SignalSource;
  startRenderer?: (output: Output, title: string) => Promise<ProgressRenderer>;
}

export interface DestroyResult {
  stack: string;
  status: "destroyed" | "declined";
  summary?: OperationSummary;
  stackRemoved: boolean;
}

/** Deletes every resource of the stack (after the user typed its name), then optionally the stack. */
export async function runDestroy(options: DestroyOptions, deps: DestroyDeps): Promise<DestroyResult> {
  assertCanConfirm({ ...options, interactive: deps.interactive, verb: "destroy" });
  const engine = await deps.openEngine(options.stack, "select");
  if (!options.yes) {
    const typed = await deps.askText(
      `This deletes every resource of stack "${options.stack}". Type the stack name to confirm:`,
    );
    if (typed.trim() !== options.stack) {
      deps.output.info(`"${typed.trim()}" is not "${options.stack}".`);
      return { stack: options.stack, status: "declined", stackRemoved: false };
    }
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
  return { stack: options.stack, status: "destroyed", summary, stackRemoved: options.removeStack };
}

export function renderDestroy(result: DestroyResult): string {
  if (result.status === "declined") return "Nothing destroyed.";
  const changes = result.summary ? describeChanges(result.summary.resourceChanges) : "";
  const removed = result.stackRemoved
    ? "The stack and its config were removed."
    : `The stack and its config remain: bavest-signals deploy --stack ${result.stack} recreates it.`;
  return [`Stack "${result.stack}" destroyed. ${changes}`.trim(), removed].join("\n");
}
