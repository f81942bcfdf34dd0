import { Command } from "commander";
import { type ContextIo, contextFor } from "../lib/context.js";
import { CliError } from "../lib/errors.js";
import { hintCommand } from "../lib/givenFlags.js";
import type { StatusDeps } from "../status/run.js";
import { commandStopSignal } from "./stopSignal.js";

export interface StatusCommandDeps {
  resolveCloudTarget?: StatusDeps["resolveCloudTarget"];
}

/** `bavest-signals status`: is the pipeline healthy, one screen, local or a deployed stack. */
export function statusCommand(io: ContextIo, deps: StatusCommandDeps = {}): Command {
  return new Command("status")
    .description("is the pipeline healthy? ingestion, stream, processing, Redis and alarms on one screen")
    .option("--watch", "check again every --interval until Ctrl-C (redrawn in place on a terminal)")
    .option("--interval <duration>", "how often --watch checks (5s, 1m)", "5s")
    .addHelpText(
      "after",
      "\nEach part is healthy, degraded or failing, with the reason. Exits 1 when the pipeline is failing.\n" +
        "Local numbers come from the running `bavest-signals dev`; a stack's from CloudWatch and its Redis (through the tunnel).",
    )
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const flags = this.opts<{ watch?: boolean; interval: string }>();
      const { parseDuration } = await import("../local/pipeline/scheduler.js");
      const everyMs = parseDuration(flags.interval, "--interval");
      const { openStatusSession } = await import("../status/run.js");
      const { local, stack } = context.options;
      const session = await openStatusSession(
        { local, stack, env: context.env },
        {
          output: context.output,
          ...(deps.resolveCloudTarget ? { resolveCloudTarget: deps.resolveCloudTarget } : {}),
        },
      );
      try {
        if (flags.watch) {
          const { watchStatus } = await import("../status/watch.js");
          const stop = commandStopSignal();
          await watchStatus(session, context.output, everyMs, stop.signal).finally(stop.dispose);
          return;
        }
        const report = await session.check();
        const { renderStatus } = await import("../status/render.js");
        context.output.result(report, () => renderStatus(report, context.output.stdoutFancy));
        if (report.health === "failing") {
          const which = local ? "The local pipeline" : `The pipeline of stack "${stack}"`;
          throw new CliError(`${which} is failing: ${report.reason}.`, {
            hint: `See what happened: ${hintCommand(this, ["logs", "processing"], ["--since", "15m"])}`,
          });
        }
      } finally {
        await session.close();
      }
    });
}
