import { Command } from "commander";
import { isInteractive } from "../deploy/terminal.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import { CliError, UsageError } from "../lib/errors.js";
import { createStyle } from "../lib/style.js";
import { workDirOption } from "../lib/workDirOption.js";
import type { PreflightDeps } from "../preflight/run.js";
import type { Engine, OpenEngine } from "../stack/engine/types.js";

/** Stand-ins tests hand to `buildProgram(io, { preflight })`; left out, the Automation API and AWS. */
export interface PreflightCommandDeps {
  openEngine?: OpenEngine;
  preflightDeps?: (engine: Engine, env: NodeJS.ProcessEnv) => Promise<PreflightDeps>;
}

export function preflightCommand(io: ContextIo, deps: PreflightCommandDeps = {}): Command {
  return new Command("preflight")
    .description(
      "ask your AWS account, read-only, whether the stack can be created: quotas, offerings, permissions, names, the Bavest key, the Pulumi lock (exit 1 when a check fails)",
    )
    .addOption(workDirOption("the folder with Pulumi.yaml and Pulumi.<stack>.yaml"))
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      if (context.options.local) {
        throw new UsageError("preflight asks an AWS account about a stack; --local has no account to ask.", {
          hint: "Run: bavest-signals preflight --stack dev",
        });
      }
      const flags = this.opts<{ workDir?: string }>();
      const stack = context.options.stack;
      const [{ workspaceEngineOpener }, { defaultPreflightDeps }, { runPreflight }, { renderPreflight }] =
        await Promise.all([
          import("../stack/workspaceEngine.js"),
          import("../preflight/defaults.js"),
          import("../preflight/run.js"),
          import("../preflight/render.js"),
        ]);
      const open =
        deps.openEngine ??
        workspaceEngineOpener({ env: context.env, workDir: flags.workDir, interactive: isInteractive(io) });
      const engine = await open(stack, "select");
      context.output.info(`Asking AWS about stack "${stack}" (read-only)...`);
      const preflight = await (deps.preflightDeps ?? defaultPreflightDeps)(engine, context.env);
      // preflight itself always asks afresh; a pass it finds is kept for the deploy that follows.
      const cache = preflight.cache && { read: async () => undefined, write: preflight.cache.write };
      const { report } = await runPreflight(stack, { ...preflight, cache });
      context.output.result(report, () =>
        renderPreflight(report, stack, createStyle(context.output.stdoutFancy)),
      );
      if (!report.ok) {
        const failed = report.checks.filter((check) => !check.ok).map((check) => check.id);
        throw new CliError(`Preflight of stack "${stack}" failed: ${failed.join(", ")}.`);
      }
    });
}
