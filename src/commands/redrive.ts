import { Command } from "commander";
import { askConfirm, isInteractive } from "../deploy/terminal.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import { InterruptedError } from "../lib/errors.js";
import { givenFlags } from "../lib/givenFlags.js";
import { workDirOption } from "../lib/workDirOption.js";
import { commandStopSignal } from "./stopSignal.js";

export function redriveCommand(io: ContextIo): Command {
  return new Command("redrive")
    .description(
      "send what the failure destination holds (dev's dead-letter file, a stack's S3 failure bucket) through the stream again",
    )
    .addOption(workDirOption())
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const flags = this.opts<{ workDir?: string }>();
      const { local, stack, yes } = context.options;
      const interactive = isInteractive(io);
      const targetFlag = givenFlags(this).join(" ") || (local ? "--local" : `--stack ${stack}`);
      const [{ runRedrive }, { renderRedrive, redriveFailure }, open, { createKinesisBatchSender }] =
        await Promise.all([
          import("../redrive/run.js"),
          import("../redrive/render.js"),
          import("../redrive/open.js"),
          import("../replay/kinesisSender.js"),
        ]);
      // The first Ctrl-C lets batches in flight finish, so that what they delivered is removed.
      const stop = commandStopSignal();
      const result = await runRedrive(
        { yes, targetFlag, stop: stop.signal },
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
      ).finally(stop.dispose);
      context.output.result(result, () => renderRedrive(result));
      if (stop.signal.aborted) {
        throw new InterruptedError(
          `Redrive interrupted: ${result.resent} record(s) resent and removed; the rest stay. Run again: bavest-signals redrive ${targetFlag}`,
        );
      }
      const failure = redriveFailure(result, targetFlag);
      if (failure) throw failure;
    });
}
