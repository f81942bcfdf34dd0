import { CliError } from "../lib/errors.js";
import { isMissingCliError, missingCliError } from "./engine/errors.js";
import type { OpenEngine } from "./engine/types.js";
import { engineEnv, passphraseEnv, resolveWorkDir, validateStackName } from "./workspace.js";

export interface WorkspaceOptions {
  env: NodeJS.ProcessEnv;
  /** `--work-dir`, when given. */
  workDir?: string;
  /** A terminal to ask the passphrase on. */
  interactive: boolean;
  /**
   * The command also works on the local pipeline: a missing Pulumi CLI then also points at
   * `--local`, the likelier intent of someone without one.
   */
  localAlternative?: boolean;
}

/**
 * The real engine opener for commands: work dir, backend and passphrase resolved once, then
 * the Automation API (loaded lazily) opens the stack.
 */
export function workspaceEngineOpener(options: WorkspaceOptions): OpenEngine {
  const workDir = resolveWorkDir(options.env, options.workDir);
  return async (stackName, mode) => {
    validateStackName(stackName);
    const secrets = await passphraseEnv({
      env: options.env,
      workDir,
      stackName,
      interactive: options.interactive,
      askPassword: async (message) => {
        const { password } = await import("@inquirer/prompts");
        return password({ message, mask: "*" }, { output: process.stderr });
      },
    });
    const { openAutomationEngine } = await import("./engine/automation.js");
    try {
      return await openAutomationEngine(stackName, mode, {
        workDir,
        envVars: engineEnv(options.env, secrets),
      });
    } catch (error) {
      // The engine has already turned the raw spawn error into a CliError: look at its cause.
      const raw = error instanceof CliError ? error.cause : error;
      if (isMissingCliError(raw)) throw missingCliError(raw, options.localAlternative === true);
      throw error;
    }
  };
}
