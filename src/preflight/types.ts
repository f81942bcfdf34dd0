import type { STSClient } from "@aws-sdk/client-sts";
import type { StackConfig } from "../stack/config.js";
import type { Engine } from "../stack/engine/types.js";
import type { RecordedCall } from "../stack/synth/mocks.js";
import type { SynthResource } from "../stack/synth/runSynth.js";
import type { AwsClients } from "./awsClients.js";
import type { BavestProbe } from "./bavestProbe.js";

/** One check's answer, as `preflight --json` prints it. `fix` is null when the check passed. */
export interface CheckResult {
  id: string;
  ok: boolean;
  detail: string;
  fix: string | null;
  doc: string;
}

/** The `preflight --json` document: every check, and whether all passed. */
export interface PreflightReport {
  checks: CheckResult[];
  ok: boolean;
}

/** What a check returns; the runner adds its id and doc link. */
export interface CheckOutcome {
  ok: boolean;
  detail: string;
  fix?: string;
}

/** Everything a check may read: the stack, the program it would create, and read-only clients. */
export interface PreflightContext {
  stack: string;
  config: StackConfig;
  /** The synthesized program's resources (types and inputs, secrets masked). */
  resources: readonly SynthResource[];
  /** The provider functions (data sources) the program calls. */
  calls: readonly RecordedCall[];
  /** Physical ids of what the stack already holds, by resource type (from its state). */
  owned: ReadonlyMap<string, ReadonlySet<string>>;
  /** The outputs of what the stack already holds, by resource type (its state's view of AWS). */
  deployed: ReadonlyMap<string, readonly Record<string, unknown>[]>;
  aws: AwsClients;
  engine: Engine;
  bavestApiKey: string | undefined;
  probeBavest: BavestProbe;
  /** `PULUMI_BACKEND_URL` and friends, as unlock reads them. */
  env: NodeJS.ProcessEnv;
  /** The caller's identity, asked once and shared by the checks that need it. */
  callerIdentity(): Promise<CallerIdentity>;
}

export interface CallerIdentity {
  account: string;
  arn: string;
}

/** One check: its id, the AWS actions it calls (listed in the README's policy), its doc link. */
export interface PreflightCheck {
  id: string;
  /** IAM actions this check calls; `identity` has none that can be refused by policy. */
  actions: readonly string[];
  doc: string;
  run(context: PreflightContext): Promise<CheckOutcome>;
}

export type StsLike = Pick<STSClient, "send">;
