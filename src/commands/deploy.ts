import { Command } from "commander";
import { askConfirm, isInteractive } from "../deploy/terminal.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import type { StackInputs } from "../stack/engine/stackInputs.js";

async function loadProgram(inputs: StackInputs, bundleDir: string) {
  const { createProgram } = await import("../stack/program.js");
  return createProgram(inputs.config, inputs.secrets, { bundleDir });
}

export function deployCommand(io: ContextIo): Command {
  return new Command("deploy")
    .description(
      "build the Lambda bundles, preview the changes with a cost estimate, confirm, and deploy the stack",
    )
    .option("--refresh", "refresh the stack's state from AWS first")
    .option(
      "--skip-preflight",
      "deploy without first asking AWS (read-only) whether the stack can be created; a passed preflight is reused for 10 minutes anyway",
    )
    .option(
      "--work-dir <dir>",
      "the folder with Pulumi.yaml and Pulumi.<stack>.yaml (default: ~/.bavest-signals/pulumi)",
    )
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const flags = this.opts<{ refresh?: boolean; workDir?: string; skipPreflight?: boolean }>();
      const interactive = isInteractive(io);
      const [{ runDeploy, renderDeploy }, { workspaceEngineOpener }, { buildLambdaBundles }] =
        await Promise.all([
          import("../deploy/runDeploy.js"),
          import("../stack/workspaceEngine.js"),
          import("../deploy/buildBundles.js"),
        ]);
      const result = await runDeploy(
        {
          stack: context.options.stack,
          yes: context.options.yes,
          refresh: flags.refresh === true,
          skipPreflight: flags.skipPreflight === true,
        },
        {
          openEngine: workspaceEngineOpener({ env: context.env, workDir: flags.workDir, interactive }),
          output: context.output,
          interactive,
          confirm: askConfirm,
          buildBundles: () => buildLambdaBundles(),
          loadProgram,
          signals: process,
          preflight: async (engine) => {
            const [{ defaultPreflightDeps }, { runPreflight }] = await Promise.all([
              import("../preflight/defaults.js"),
              import("../preflight/run.js"),
            ]);
            return runPreflight(engine.stackName, await defaultPreflightDeps(engine, context.env));
          },
        },
      );
      context.output.result(result, () => renderDeploy(result));
    });
}
