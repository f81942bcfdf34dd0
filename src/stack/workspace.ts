import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError } from "../lib/errors.js";
import { stateHome } from "../lib/paths.js";

/**
 * Where the stacks' files live: Pulumi.yaml and one Pulumi.<stack>.yaml per stack, with the
 * config and the secrets salt. Persistent (commit it if you like) and overridable:
 * `--work-dir`, else $BAVEST_SIGNALS_WORK_DIR, else ~/.bavest-signals/pulumi.
 */
export function resolveWorkDir(env: NodeJS.ProcessEnv, flag?: string): string {
  const chosen = flag ?? env.BAVEST_SIGNALS_WORK_DIR;
  return chosen ? resolve(chosen) : join(stateHome(env), "pulumi");
}

export function stackSettingsFile(workDir: string, stackName: string): string {
  return join(workDir, `Pulumi.${stackName}.yaml`);
}

/** Stack names the engine accepts: letters, digits, `-`, `_`, `.`, optionally `org/project/`. */
export function validateStackName(stackName: string): string {
  if (!/^([A-Za-z0-9_.-]+\/){0,2}[A-Za-z0-9_.-]{1,100}$/.test(stackName)) {
    throw new CliError(`Invalid stack name "${stackName}".`, {
      hint: "Use letters, digits, '-', '_' or '.', for example: --stack prod",
      exitCode: 2,
    });
  }
  return stackName;
}

/** Backends whose secrets are encrypted with a passphrase (no Pulumi Cloud account). */
export function isSelfManagedBackend(url: string | undefined): boolean {
  return url !== undefined && /^(file|s3|gs|azblob):\/\//.test(url);
}

/** A stack created with the passphrase provider carries its salt in Pulumi.<stack>.yaml. */
function stackUsesPassphrase(workDir: string, stackName: string): boolean {
  const file = stackSettingsFile(workDir, stackName);
  return existsSync(file) && /^encryptionsalt:/m.test(readFileSync(file, "utf8"));
}

export interface PassphraseDeps {
  env: NodeJS.ProcessEnv;
  workDir: string;
  stackName: string;
  interactive: boolean;
  askPassword: (message: string) => Promise<string>;
}

/**
 * The environment variables the engine needs for secrets. Nothing when the passphrase is
 * already set (PULUMI_CONFIG_PASSPHRASE or _FILE) or not needed; asks once on a TTY;
 * otherwise says which variable to set.
 */
export async function passphraseEnv(deps: PassphraseDeps): Promise<Record<string, string>> {
  const { env } = deps;
  if (env.PULUMI_CONFIG_PASSPHRASE !== undefined || env.PULUMI_CONFIG_PASSPHRASE_FILE !== undefined)
    return {};
  const needed =
    isSelfManagedBackend(env.PULUMI_BACKEND_URL) || stackUsesPassphrase(deps.workDir, deps.stackName);
  if (!needed) return {};
  if (!deps.interactive) {
    throw new CliError(`Stack "${deps.stackName}" keeps its secrets with a passphrase, and none is set.`, {
      hint: "Set PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE, then run the command again.",
    });
  }
  const passphrase = await deps.askPassword(`Passphrase for the secrets of stack "${deps.stackName}":`);
  return { PULUMI_CONFIG_PASSPHRASE: passphrase };
}

/** The engine's environment: the caller's backend choice, plus no update checks or colour codes. */
export function engineEnv(env: NodeJS.ProcessEnv, extra: Record<string, string>): Record<string, string> {
  const vars: Record<string, string> = { PULUMI_SKIP_UPDATE_CHECK: "true", ...extra };
  if (env.PULUMI_BACKEND_URL) vars.PULUMI_BACKEND_URL = env.PULUMI_BACKEND_URL;
  return vars;
}
