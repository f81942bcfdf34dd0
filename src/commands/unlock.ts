import { Command } from "commander";
import { askConfirm, isInteractive } from "../deploy/terminal.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import type { OpenEngine } from "../stack/engine/types.js";

export interface UnlockResult {
  stack: string;
  unlocked: boolean;
}

/**
 * Cancels the stack's current (or interrupted) update, which releases its lock. Only
 * safe when no other deploy is really running, hence the confirmation.
 */
export async function runUnlock(
  options: { stack: string; yes: boolean },
  deps: { openEngine: OpenEngine; interactive: boolean; confirm: (message: string) => Promise<boolean> },
): Promise<UnlockResult> {
  const { assertCanConfirm } = await import("../deploy/runDeploy.js");
  assertCanConfirm({ ...options, interactive: deps.interactive, verb: "unlock" });
  const engine = await deps.openEngine(options.stack, "select");
  const question = `Release the lock of stack "${options.stack}"? Only do this when no other deploy is running.`;
  if (!options.yes && !(await deps.confirm(question))) return { stack: options.stack, unlocked: false };
  await engine.cancel();
  return { stack: options.stack, unlocked: true };
}

export function renderUnlock(result: UnlockResult): string {
  return result.unlocked
    ? `Stack "${result.stack}" is unlocked. Run: bavest-signals deploy --stack ${result.stack} --refresh`
    : "Nothing changed.";
}

export function unlockCommand(io: ContextIo): Command {
  return new Command("unlock")
    .description("release the lock an interrupted or crashed update left on the stack")
    .option(
      "--work-dir <dir>",
      "the folder with Pulumi.yaml and Pulumi.<stack>.yaml (default: ~/.bavest-signals/pulumi)",
    )
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const flags = this.opts<{ workDir?: string }>();
      const interactive = isInteractive(io);
      const { workspaceEngineOpener } = await import("../stack/workspaceEngine.js");
      const result = await runUnlock(
        { stack: context.options.stack, yes: context.options.yes },
        {
          openEngine: workspaceEngineOpener({ env: context.env, workDir: flags.workDir, interactive }),
          interactive,
          confirm: askConfirm,
        },
      );
      context.output.result(result, () => renderUnlock(result));
    });
}
