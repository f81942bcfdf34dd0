import { errorMessage } from "../../lib/errors.js";
import type { Engine, EngineConfigValue } from "../../stack/engine/types.js";
import { type Backend, parseBackendUrl } from "../../stack/engine/unlock/backend.js";
import type { LockStore } from "../../stack/engine/unlock/lockStore.js";
import type { CheckResult } from "../types.js";

export type LockStoreFor = (backend: Backend & { kind: "file" | "s3" }, stack: string) => Promise<LockStore>;

export const BACKEND_DOC = "https://www.pulumi.com/docs/iac/concepts/state-and-backends/";
const SECRETS_DOC = "https://www.pulumi.com/docs/iac/concepts/secrets/";

/**
 * The backend answers and the stack is not locked, read as `unlock` reads it: the lock files of a
 * self-managed backend (file://, s3://), the engine's own word for Pulumi Cloud.
 */
export async function backendCheck(
  engine: Engine,
  env: NodeJS.ProcessEnv,
  lockStore: LockStoreFor,
): Promise<CheckResult> {
  const base = { id: "pulumi-backend", doc: BACKEND_DOC };
  const stack = engine.stackName;
  let backend: Backend;
  try {
    backend = parseBackendUrl(env.PULUMI_BACKEND_URL || (await engine.backendUrl()), engine.workDir);
  } catch (error) {
    return {
      ...base,
      ok: false,
      detail: `the state backend did not answer: ${errorMessage(error)}`,
      fix: "Log in to the backend (pulumi login <url>) or set PULUMI_BACKEND_URL, then run preflight again.",
    };
  }
  const unlock = `If no other update is running: bavest-signals unlock --stack ${stack}`;
  if (backend.kind === "file" || backend.kind === "s3") {
    const locks = await (await lockStore(backend, stack)).list();
    if (locks.length > 0) {
      const holder = locks[0]?.holder;
      const who = holder
        ? ` by ${holder.username ?? "?"}@${holder.hostname ?? "?"} at ${holder.timestamp ?? "?"}`
        : "";
      return {
        ...base,
        ok: false,
        detail: `stack "${stack}" is locked (${locks[0]?.location}${who})`,
        fix: unlock,
      };
    }
    return { ...base, ok: true, detail: `${backend.url} answers; stack "${stack}" is not locked`, fix: null };
  }
  const info = await engine.lockInfo();
  if (info.locked) {
    return {
      ...base,
      ok: false,
      detail: `stack "${stack}" has an update in progress (${info.detail ?? "locked"})`,
      fix: unlock,
    };
  }
  return {
    ...base,
    ok: true,
    detail: `${backend.url} answers; no update of stack "${stack}" is in progress`,
    fix: null,
  };
}

/** The passphrase or secrets provider opens the stack's config (its secrets come back decrypted). */
export async function secretsCheck(
  engine: Engine,
): Promise<{ result: CheckResult; config?: Record<string, EngineConfigValue> }> {
  const base = { id: "stack-secrets", doc: SECRETS_DOC };
  try {
    const config = await engine.getAllConfig();
    const secrets = Object.values(config).filter((item) => item.secret).length;
    return {
      result: {
        ...base,
        ok: true,
        detail: `the config opens (${secrets} secret value(s) decrypted)`,
        fix: null,
      },
      config,
    };
  } catch (error) {
    const hint = (error as { hint?: string }).hint;
    return {
      result: {
        ...base,
        ok: false,
        detail: `the stack's config does not open: ${errorMessage(error)}`,
        fix:
          hint ??
          "Set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to the stack's passphrase.",
      },
    };
  }
}
