import { CliError } from "../../../lib/errors.js";
import { validateStackName } from "../../workspace.js";
import { type OpenEngine, PROJECT_NAME } from "../types.js";
import { type Backend, parseBackendUrl } from "./backend.js";
import type { LockFile, LockStore } from "./lockStore.js";
import { type PendingOperation, pendingOperations, withoutPendingOperations } from "./pendingOperations.js";
import { describePlan } from "./render.js";

export interface UnlockOptions {
  stack: string;
  yes: boolean;
  /** Also run the refresh that brings the state in line with the cloud after an interruption. */
  refresh?: boolean;
}

export interface UnlockDeps {
  openEngine: OpenEngine;
  interactive: boolean;
  confirm: (message: string) => Promise<boolean>;
  /** `PULUMI_BACKEND_URL` when set; else the engine's whoAmI answer says where the state is. */
  env?: NodeJS.ProcessEnv;
  /** The lock files of a `file://` or `s3://` backend (real folders or S3 by default). */
  lockStore?: (backend: Backend & { kind: "file" | "s3" }, stack: string) => Promise<LockStore>;
}

/** The `--json` document of `unlock`. */
export interface UnlockResult {
  stack: string;
  unlocked: boolean;
  backend: Backend["kind"];
  /** Lock files removed (self-managed backends). */
  locks: LockFile[];
  /** Pending operations dropped from the state. */
  pendingOperations: PendingOperation[];
  refreshed: boolean;
}

/**
 * Releases a stack an interrupted update left locked. Pulumi Cloud: the Automation API's cancel.
 * Self-managed backends (file, S3), where cancel does not work: the stack's lock files are
 * removed and the pending operations dropped from its state (export, edit, import), after
 * listing exactly what will be touched and confirming.
 */
export async function runUnlock(options: UnlockOptions, deps: UnlockDeps): Promise<UnlockResult> {
  // What can fail is said first (the name, the Pulumi CLI, the stack, the backend), "pass --yes" last.
  validateStackName(options.stack);
  const engine = await deps.openEngine(options.stack, "select");
  const url = deps.env?.PULUMI_BACKEND_URL || (await engine.backendUrl());
  const backend = parseBackendUrl(url, engine.workDir);
  if (backend.kind === "other") throw unsupportedBackend(backend.url, options.stack);
  const base = {
    stack: options.stack,
    backend: backend.kind,
    locks: [],
    pendingOperations: [],
    refreshed: false,
  };
  if (backend.kind === "service") {
    const question = `Cancel the update holding stack "${options.stack}" and release its lock? Only do this when no other deploy is running.`;
    refuseWithoutTerminal(options, deps);
    if (!options.yes && !(await deps.confirm(question))) return { ...base, unlocked: false };
    await engine.cancel();
    return { ...base, unlocked: true, refreshed: await maybeRefresh(options, engine) };
  }
  const store = await (deps.lockStore ?? defaultLockStore)(backend, options.stack);
  const locks = await store.list();
  const state = await engine.exportState();
  const pending = pendingOperations(state);
  const plan = { ...base, locks, pendingOperations: pending };
  if (locks.length === 0 && pending.length === 0) return { ...plan, unlocked: true };
  refuseWithoutTerminal(options, deps);
  if (!options.yes && !(await deps.confirm(describePlan(plan)))) return { ...base, unlocked: false };
  // The lock goes first, so that the import and the refresh find the stack free.
  await store.remove(locks);
  if (pending.length > 0) await engine.importState(withoutPendingOperations(state));
  return { ...plan, unlocked: true, refreshed: await maybeRefresh(options, engine) };
}

/** Asked last: everything that could fail has been read by now. */
function refuseWithoutTerminal(options: UnlockOptions, deps: UnlockDeps): void {
  if (options.yes || deps.interactive) return;
  throw new CliError(
    `Refusing to unlock stack "${options.stack}" without confirmation: there is no terminal to ask on.`,
    {
      hint: `Make sure no other deploy of this stack is running; then, to release the lock, pass --yes: bavest-signals unlock --stack ${options.stack} --yes`,
    },
  );
}

async function maybeRefresh(
  options: UnlockOptions,
  engine: Awaited<ReturnType<OpenEngine>>,
): Promise<boolean> {
  if (!options.refresh) return false;
  await engine.refresh({ clearPendingCreates: true });
  return true;
}

/** The lock files of a self-managed backend: its folders, or its S3 bucket (client loaded here). */
export async function defaultLockStore(
  backend: Backend & { kind: "file" | "s3" },
  stack: string,
): Promise<LockStore> {
  const { fileLockStore, s3LockStore } = await import("./lockStore.js");
  if (backend.kind === "file") return fileLockStore(backend.root, PROJECT_NAME, stack);
  const { S3Client } = await import("@aws-sdk/client-s3");
  const { fromIni } = await import("@aws-sdk/credential-providers");
  const client = new S3Client({
    ...(backend.region ? { region: backend.region } : {}),
    ...(backend.profile ? { credentials: fromIni({ profile: backend.profile }) } : {}),
  });
  return s3LockStore(client, backend.bucket, backend.prefix, PROJECT_NAME, stack);
}

function unsupportedBackend(url: string, stack: string): CliError {
  return new CliError(
    `unlock cannot clear locks on the backend ${url} (only Pulumi Cloud, file:// and s3://).`,
    {
      hint: `Delete the lock files under .pulumi/locks/organization/${PROJECT_NAME}/${stack}/ in that backend by hand.`,
    },
  );
}
