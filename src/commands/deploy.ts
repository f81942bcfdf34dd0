import { Command } from "commander";
import type { DeployDeps } from "../deploy/runDeploy.js";
import { askConfirm, isInteractive } from "../deploy/terminal.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import { workDirOption } from "../lib/workDirOption.js";
import type { PreflightDeps } from "../preflight/run.js";
import type { StackInputs } from "../stack/engine/stackInputs.js";
import type { Engine } from "../stack/engine/types.js";

/** Stand-ins tests hand to `buildProgram(io, { deploy })`; left out, the Automation API and AWS. */
export type DeployCommandDeps = Partial<Pick<DeployDeps, "openEngine" | "buildBundles" | "loadProgram">> & {
  preflightDeps?: (engine: Engine, env: NodeJS.ProcessEnv) => Promise<PreflightDeps>;
};

async function loadProgram(inputs: StackInputs, bundleDir: string) {
  const { createProgram } = await import("../stack/program.js");
  return createProgram(inputs.config, inputs.secrets, { bundleDir });
}

async function preflightFor(engine: Engine, env: NodeJS.ProcessEnv, deps: DeployCommandDeps) {
  const [{ defaultPreflightDeps }, { runPreflight }] = await Promise.all([
    import("../preflight/defaults.js"),
    import("../preflight/run.js"),
  ]);
  return runPreflight(engine.stackName, await (deps.preflightDeps ?? defaultPreflightDeps)(engine, env));
}

export function deployCommand(io: ContextIo, deps: DeployCommandDeps = {}): Command {
  return new Command("deploy")
    .description(
      "check the account (preflight), build the Lambda bundles, preview the changes with a cost estimate, confirm, and deploy the stack",
    )
    .option("--refresh", "refresh the stack's state from AWS first")
    .option(
      "--skip-preflight",
      "deploy without first asking AWS (read-only) whether the stack can be created; a passed preflight is reused for 10 minutes anyway",
    )
    .addOption(workDirOption("the folder with Pulumi.yaml and Pulumi.<stack>.yaml"))
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
          openEngine:
            deps.openEngine ??
            workspaceEngineOpener({ env: context.env, workDir: flags.workDir, interactive }),
          output: context.output,
          interactive,
          confirm: askConfirm,
          buildBundles: deps.buildBundles ?? (() => buildLambdaBundles()),
          loadProgram: deps.loadProgram ?? loadProgram,
          signals: process,
          preflight: (engine) => preflightFor(engine, context.env, deps),
        },
      );
      context.output.result(result, () => renderDeploy(result));
    });
}
