import { Command } from "commander";
import type { ConfigurePrompts } from "../configure/workspaceConfig.js";
import { isInteractive } from "../deploy/terminal.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import { workDirOption } from "../lib/workDirOption.js";
import type { ConfigFieldName } from "../stack/configFields.js";
import { configFlagHelp } from "../stack/configHelp.js";
import { SETTING_NAMES, SETTINGS, settingRow } from "../stack/settingsTable.js";

/** Every stack setting, in help's order: the rows of the settings table (plain data, no zod). */
export const CONFIGURE_SETTINGS: readonly ConfigFieldName[] = SETTING_NAMES;

/** `historyRetentionDays` -> `--history-retention-days`: the flag each setting's error message names. */
export function flagOf(name: string): string {
  if (name in SETTINGS) return settingRow(name as ConfigFieldName).flag;
  return `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

const inquirerPrompts: ConfigurePrompts = {
  async input(question) {
    const { input } = await import("@inquirer/prompts");
    return input(question, { output: process.stderr });
  },
  async password(question) {
    const { password } = await import("@inquirer/prompts");
    return password({ ...question, mask: "*" }, { output: process.stderr });
  },
};

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += String(chunk);
  return text;
}

export function configureCommand(io: ContextIo): Command {
  const command = new Command("configure")
    .description(
      "create or update a stack's config: watchlist, region, schedule, sizes, and the API key as a secret",
    )
    .option("--api-key-stdin", "read the Bavest API key from stdin (for CI)")
    .addOption(workDirOption("the folder with Pulumi.yaml and Pulumi.<stack>.yaml"));
  for (const name of CONFIGURE_SETTINGS) {
    command.option(`${flagOf(name)} <value>`, configFlagHelp(name));
  }
  command.addHelpText(
    "after",
    "\nEach setting flag writes bavest-signals:<setting> (--region writes aws:region) into Pulumi.<stack>.yaml;\nthe default applies to a setting never set.",
  );
  return command.action(async function (this: Command) {
    const context = contextFor(this, io);
    const flags = this.opts<Record<string, string | boolean | undefined>>();
    const values = Object.fromEntries(
      CONFIGURE_SETTINGS.map((name) => [name, flags[name] as string | undefined]),
    );
    const interactive = isInteractive(io) && flags.apiKeyStdin !== true;
    const [{ runConfigure, renderConfigure }, { workspaceEngineOpener }] = await Promise.all([
      import("../configure/workspaceConfig.js"),
      import("../stack/workspaceEngine.js"),
    ]);
    const result = await runConfigure(
      {
        stack: context.options.stack,
        values,
        apiKeyStdin: flags.apiKeyStdin === true,
      },
      {
        openEngine: workspaceEngineOpener({
          env: context.env,
          workDir: flags.workDir as string | undefined,
          interactive,
        }),
        interactive,
        prompts: inquirerPrompts,
        readStdin: () => readAll(io.stdin ?? process.stdin),
      },
    );
    for (const warning of result.warnings) context.output.warn(warning);
    context.output.result(result, () => renderConfigure(result));
  });
}
