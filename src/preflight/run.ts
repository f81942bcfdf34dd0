import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { StackConfig } from "../stack/config.js";
import { stackInputsFrom } from "../stack/engine/stackInputs.js";
import type { Engine, StackDeployment } from "../stack/engine/types.js";
import type { RecordedCall } from "../stack/synth/mocks.js";
import type { SynthResource } from "../stack/synth/runSynth.js";
import type { AwsClients } from "./awsClients.js";
import { outcomeOfError } from "./awsErrors.js";
import type { BavestProbe } from "./bavestProbe.js";
import { cacheKey, type PreflightCache } from "./cache.js";
import { CLOUD_CHECKS } from "./checks/index.js";
import { BACKEND_DOC, backendCheck, type LockStoreFor, secretsCheck } from "./checks/pulumiSide.js";
import type {
  CallerIdentity,
  CheckResult,
  PreflightCheck,
  PreflightContext,
  PreflightReport,
} from "./types.js";

export interface PreflightDeps {
  engine: Engine;
  /** The read-only clients, in the stack's region. */
  awsClients: (region: string) => Promise<AwsClients>;
  /** The program under the mock runtime: its resources and provider calls. */
  synthesize: (
    config: StackConfig,
    stack: string,
  ) => Promise<{ resources: SynthResource[]; calls: RecordedCall[] }>;
  probeBavest: BavestProbe;
  lockStore: LockStoreFor;
  env: NodeJS.ProcessEnv;
  /** Passed reports, per stack; left out, every run asks. */
  cache?: PreflightCache;
  checks?: readonly PreflightCheck[];
}

export interface PreflightRun {
  report: PreflightReport;
  /** The report came from the cache (a pass younger than ten minutes, same config). */
  cached: boolean;
}

function report(checks: CheckResult[]): PreflightReport {
  return { checks, ok: checks.every((check) => check.ok) };
}

/**
 * Asks the Pulumi side first (backend, lock, secrets: without the config nothing else can be
 * asked), then every cloud check at once. Read-only throughout. A check that throws becomes a
 * failed check naming the refusal or throttling; it never hides the others.
 */
export async function runPreflight(stack: string, deps: PreflightDeps): Promise<PreflightRun> {
  const backend = await backendCheck(deps.engine, deps.env, deps.lockStore).catch(
    (error): CheckResult => ({
      id: "pulumi-backend",
      doc: BACKEND_DOC,
      fix: null,
      ...outcomeOfError(error, { id: "pulumi-backend", actions: ["s3:ListBucket", "s3:GetObject"] }, stack),
    }),
  );
  const secrets = await secretsCheck(deps.engine);
  if (!secrets.config) return { report: report([backend, secrets.result]), cached: false };
  const key = cacheKey(secrets.config);
  const cached = await deps.cache?.read(stack, key);
  // The lock and the secrets are asked every time (they are local and change by the minute).
  if (cached) {
    const fresh = [backend, secrets.result];
    const rest = cached.checks.filter((check) => !fresh.some((item) => item.id === check.id));
    return { report: report([...fresh, ...rest]), cached: true };
  }
  const inputs = stackInputsFrom(stack, secrets.config);
  const [program, aws, state] = await Promise.all([
    deps.synthesize(inputs.config, stack),
    deps.awsClients(inputs.config.region),
    deps.engine.exportState().catch(() => undefined),
  ]);
  const context: PreflightContext = {
    stack,
    config: inputs.config,
    resources: program.resources,
    calls: program.calls,
    owned: ownedIds(state),
    deployed: deployedOutputs(state),
    aws,
    engine: deps.engine,
    bavestApiKey: inputs.secrets.bavestApiKey,
    probeBavest: deps.probeBavest,
    env: deps.env,
    callerIdentity: once(async (): Promise<CallerIdentity> => {
      const answer = await aws.sts.send(new GetCallerIdentityCommand({}));
      return { account: answer.Account ?? "", arn: answer.Arn ?? "" };
    }),
  };
  const cloud = await Promise.all((deps.checks ?? CLOUD_CHECKS).map((check) => runCheck(check, context)));
  const result = report([backend, secrets.result, ...cloud]);
  if (result.ok) await deps.cache?.write(stack, key, result);
  return { report: result, cached: false };
}

/** One check, its thrown errors turned into its answer. */
export async function runCheck(check: PreflightCheck, context: PreflightContext): Promise<CheckResult> {
  const outcome = await check.run(context).catch((error) => outcomeOfError(error, check, context.stack));
  return {
    id: check.id,
    ok: outcome.ok,
    detail: outcome.detail,
    fix: outcome.ok ? null : (outcome.fix ?? null),
    doc: check.doc,
  };
}

/** Physical ids of the resources in the stack's state, by type. */
export function ownedIds(state: StackDeployment | undefined): Map<string, Set<string>> {
  const owned = new Map<string, Set<string>>();
  const resources = (state?.deployment as { resources?: { type?: string; id?: string }[] } | undefined)
    ?.resources;
  for (const resource of resources ?? []) {
    if (!resource.type || !resource.id) continue;
    const ids = owned.get(resource.type) ?? new Set<string>();
    ids.add(resource.id);
    owned.set(resource.type, ids);
  }
  return owned;
}

/** The outputs of the resources in the stack's state, by type: what is deployed today. */
export function deployedOutputs(state: StackDeployment | undefined): Map<string, Record<string, unknown>[]> {
  const deployed = new Map<string, Record<string, unknown>[]>();
  const resources = (
    state?.deployment as { resources?: { type?: string; outputs?: Record<string, unknown> }[] } | undefined
  )?.resources;
  for (const resource of resources ?? []) {
    if (!resource.type) continue;
    deployed.set(resource.type, [...(deployed.get(resource.type) ?? []), resource.outputs ?? {}]);
  }
  return deployed;
}

function once<T>(ask: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined;
  return () => {
    answer ??= ask();
    return answer;
  };
}
