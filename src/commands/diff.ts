import type { Command } from "commander";
import type { ContextIo } from "../lib/context.js";
import type { StackInputs } from "../stack/engine/stackInputs.js";
import { previewCommand, previewSetup } from "./preview.js";

async function loadProgram(inputs: StackInputs, bundleDir: string) {
  const { createProgram } = await import("../stack/program.js");
  return createProgram(inputs.config, inputs.secrets, { bundleDir });
}

export function diffCommand(io: ContextIo): Command {
  return previewCommand(
    "diff",
    "preview what deploy would change and what it would cost per month, without deploying",
    "changes are pending",
  ).action(async function (this: Command) {
    const [
      { context, exitCode, openEngine },
      { runDiff, renderDiff, pendingChangesError },
      { buildLambdaBundles },
    ] = await Promise.all([
      previewSetup(this, io),
      import("../deploy/runDiff.js"),
      import("../deploy/buildBundles.js"),
    ]);
    const result = await runDiff(
      { stack: context.options.stack },
      {
        openEngine,
        output: context.output,
        buildBundles: () => buildLambdaBundles(),
        loadProgram,
        signals: process,
      },
    );
    context.output.result(result, () => renderDiff(result, context.output.stdoutFancy));
    const pending = exitCode ? pendingChangesError(result) : undefined;
    if (pending) throw pending;
  });
}
