import { Command } from "commander";
import { isInteractive } from "../deploy/terminal.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import { createStyle } from "../lib/style.js";

export function driftCommand(io: ContextIo): Command {
  return new Command("drift")
    .description(
      "list what was changed in the cloud outside this tool, property by property (a refresh preview)",
    )
    .option("--exit-code", "exit 1 when something drifted (for CI)")
    .option(
      "--work-dir <dir>",
      "the folder with Pulumi.yaml and Pulumi.<stack>.yaml (default: ~/.bavest-signals/pulumi)",
    )
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const flags = this.opts<{ exitCode?: boolean; workDir?: string }>();
      const interactive = isInteractive(io);
      const [{ runDrift, driftError }, { renderDrift }, { workspaceEngineOpener }] = await Promise.all([
        import("../deploy/runDrift.js"),
        import("../deploy/driftReport.js"),
        import("../stack/workspaceEngine.js"),
      ]);
      const result = await runDrift(
        { stack: context.options.stack },
        {
          openEngine: workspaceEngineOpener({ env: context.env, workDir: flags.workDir, interactive }),
          output: context.output,
          signals: process,
        },
      );
      context.output.result(result, () =>
        renderDrift(result, result.stack, createStyle(context.output.fancy)),
      );
      const drifted = flags.exitCode ? driftError(result) : undefined;
      if (drifted) throw drifted;
    });
}
