import { Command } from "commander";
import { askText, isInteractive } from "../deploy/terminal.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import { workDirOption } from "../lib/workDirOption.js";

export function destroyCommand(io: ContextIo): Command {
  return new Command("destroy")
    .description("delete every AWS resource of the stack (asks you to type the stack name unless --yes)")
    .option("--remove-stack", "also delete the stack and its Pulumi.<stack>.yaml afterwards")
    .option(
      "--empty-failure-bucket",
      "first delete every failed batch (and every version) in the stack's S3 failure bucket, for good; needs --yes (send them again first: redrive --stack)",
    )
    .addOption(workDirOption("the folder with Pulumi.yaml and Pulumi.<stack>.yaml"))
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const flags = this.opts<{ removeStack?: boolean; workDir?: string; emptyFailureBucket?: boolean }>();
      const interactive = isInteractive(io);
      const [{ runDestroy, renderDestroy }, { workspaceEngineOpener }] = await Promise.all([
        import("../deploy/runDestroy.js"),
        import("../stack/workspaceEngine.js"),
      ]);
      const result = await runDestroy(
        {
          stack: context.options.stack,
          yes: context.options.yes,
          removeStack: flags.removeStack === true,
          emptyFailureBucket: flags.emptyFailureBucket === true,
        },
        {
          openEngine: workspaceEngineOpener({ env: context.env, workDir: flags.workDir, interactive }),
          output: context.output,
          interactive,
          askText,
          signals: process,
          env: context.env,
          s3: async (region) => {
            const { S3Client } = await import("@aws-sdk/client-s3");
            return new S3Client(region ? { region } : {});
          },
        },
      );
      context.output.result(result, () => renderDestroy(result));
    });
}
