import { Command } from "commander";
import { isInteractive } from "../deploy/terminal.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import type { StackInputs } from "../stack/engine/stackInputs.js";

async function loadProgram(inputs: StackInputs, bundleDir: string) {
  const { createProgram } = await import("../stack/program.js");
  return createProgram(inputs.config, inputs.secrets, { bundleDir });
}

export function diffCommand(io: ContextIo): Command {
  return new Command("diff")
    .description("preview what deploy would change and what it would cost per month, without deploying")
    .option("--exit-code", "exit 1 when changes are pending (for CI)")
    .option(
      "--work-dir <dir>",
      "the folder with Pulumi.yaml and Pulumi.<stack>.yaml (default: ~/.bavest-signals/pulumi)",
    )
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const flags = this.opts<{ exitCode?: boolean; workDir?: string }>();
      const interactive = isInteractive(io);
      const [
        { runDiff, renderDiff, pendingChangesError },
        { workspaceEngineOpener },
        { buildLambdaBundles },
      ] = await Promise.all([
        import("../deploy/runDiff.js"),
        import("../stack/workspaceEngine.js"),
        import("../deploy/buildBundles.js"),
      ]);
      const result = await runDiff(
        { stack: context.options.stack },
        {
          openEngine: workspaceEngineOpener({ env: context.env, workDir: flags.workDir, interactive }),
          output: context.output,
          buildBundles: () => buildLambdaBundles(),
          loadProgram,
          signals: process,
        },
      );
      context.output.result(result, () => renderDiff(result, context.output.fancy));
      const pending = flags.exitCode ? pendingChangesError(result) : undefined;
      if (pending) throw pending;
    });
}
