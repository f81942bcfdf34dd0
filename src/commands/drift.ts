import type { Command } from "commander";
import type { ContextIo } from "../lib/context.js";
import { createStyle } from "../lib/style.js";
import { previewCommand, previewSetup } from "./preview.js";

export function driftCommand(io: ContextIo): Command {
  return previewCommand(
    "drift",
    "list what was changed in the cloud outside this tool, property by property (a refresh preview)",
    "something drifted",
  ).action(async function (this: Command) {
    const [{ context, exitCode, openEngine }, { runDrift, driftError }, { renderDrift }] = await Promise.all([
      previewSetup(this, io),
      import("../deploy/runDrift.js"),
      import("../deploy/driftReport.js"),
    ]);
    const result = await runDrift(
      { stack: context.options.stack },
      { openEngine, output: context.output, signals: process },
    );
    context.output.result(result, () =>
      renderDrift(result, result.stack, createStyle(context.output.stdoutFancy)),
    );
    const drifted = exitCode ? driftError(result) : undefined;
    if (drifted) throw drifted;
  });
}
