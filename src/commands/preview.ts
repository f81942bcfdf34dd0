import { Command } from "commander";
import { isInteractive } from "../deploy/terminal.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import { workDirOption } from "../lib/workDirOption.js";

/**
 * The start of a command that previews a stack without changing it (diff, drift): its
 * description, `--exit-code` for CI, and `--work-dir`.
 */
export function previewCommand(name: string, description: string, exitCodeMeans: string): Command {
  return new Command(name)
    .description(description)
    .option("--exit-code", `exit 1 when ${exitCodeMeans} (for CI)`)
    .addOption(workDirOption("the folder with Pulumi.yaml and Pulumi.<stack>.yaml"));
}

/** What a preview's action starts from: its context, whether --exit-code is on, the engine opener. */
export async function previewSetup(command: Command, io: ContextIo) {
  const context = contextFor(command, io);
  const flags = command.opts<{ exitCode?: boolean; workDir?: string }>();
  const { workspaceEngineOpener } = await import("../stack/workspaceEngine.js");
  const openEngine = workspaceEngineOpener({
    env: context.env,
    workDir: flags.workDir,
    interactive: isInteractive(io),
  });
  return { context, exitCode: flags.exitCode === true, openEngine };
}
