import { Command } from "commander";
import { askConfirm, isInteractive } from "../deploy/terminal.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import { workDirOption } from "../lib/workDirOption.js";

export { renderUnlock } from "../stack/engine/unlock/render.js";
export type { UnlockResult } from "../stack/engine/unlock/run.js";
export { runUnlock } from "../stack/engine/unlock/run.js";

export function unlockCommand(io: ContextIo): Command {
  return new Command("unlock")
    .description(
      "release the lock an interrupted or crashed update left on the stack (Pulumi Cloud, file:// and s3:// backends)",
    )
    .option("--refresh", "then refresh the state from AWS, clearing pending creates")
    .addOption(workDirOption("the folder with Pulumi.yaml and Pulumi.<stack>.yaml"))
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const flags = this.opts<{ workDir?: string; refresh?: boolean }>();
      const interactive = isInteractive(io);
      const [{ runUnlock }, { renderUnlock }, { workspaceEngineOpener }] = await Promise.all([
        import("../stack/engine/unlock/run.js"),
        import("../stack/engine/unlock/render.js"),
        import("../stack/workspaceEngine.js"),
      ]);
      const result = await runUnlock(
        { stack: context.options.stack, yes: context.options.yes, refresh: flags.refresh === true },
        {
          openEngine: workspaceEngineOpener({ env: context.env, workDir: flags.workDir, interactive }),
          interactive,
          confirm: askConfirm,
          env: context.env,
        },
      );
      context.output.result(result, () => renderUnlock(result));
    });
}
