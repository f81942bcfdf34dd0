import { Command } from "commander";
import { askConfirm, isInteractive } from "../deploy/terminal.js";
import { type ContextIo, contextFor } from "../lib/context.js";

export function redriveCommand(io: ContextIo): Command {
  return new Command("redrive")
    .description(
      "send what the failure destination holds (dev's dead-letter file, a stack's S3 failure bucket) through the stream again",
    )
    .option(
      "--work-dir <dir>",
      "the folder with Pulumi.yaml and Pulumi.<stack>.yaml (default: ~/.bavest-signals/pulumi)",
    )
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const flags = this.opts<{ workDir?: string }>();
      const { local, stack, yes } = context.options;
      const interactive = isInteractive(io);
      const targetFlag = local ? "--local" : `--stack ${stack}`;
      const [{ runRedrive }, { renderRedrive, redriveFailure }, open, { createKinesisBatchSender }] =
        await Promise.all([
          import("../redrive/run.js"),
          import("../redrive/render.js"),
          import("../redrive/open.js"),
          import("../replay/kinesisSender.js"),
        ]);
      const result = await runRedrive(
        { yes, targetFlag },
        {
          output: context.output,
          interactive,
          confirm: askConfirm,
          open: () =>
            local
              ? open.openLocalRedrive(context.env)
              : open.openStackRedrive(stack, context.env, {
                  workDir: flags.workDir,
                  interactive,
                  localAlternative: true,
                }),
          createSender: (target) => createKinesisBatchSender(target, { env: context.env }),
        },
      );
      context.output.result(result, () => renderRedrive(result));
      const failure = redriveFailure(result, targetFlag);
      if (failure) throw failure;
    });
}
