/** What `doctor` found out about the machine: gathered by probes.ts, judged here. */
export interface MachineFacts {
  nodeVersion: string;
  redisServer: { version: string } | null;
  pulumi: { version: string } | null;
  sessionManagerPlugin: { version: string } | null;
  aws: {
    credentialsSource: string | null;
    region: string | null;
    regionSource: string | null;
    /** Present only with --online: the caller identity, or why it failed. */
    identity?: { account: string; arn: string } | { error: string };
  };
  /** Present only with --online and BAVEST_API_KEY set: which API versions the key answers. */
  bavest?: BavestFacts;
}

/** What one quote request per API version told about the key (src/lambdas/ingestion/probe.ts). */
export interface BavestFacts {
  apiUrl: string;
  answered: BavestApiVersion[];
  answers: { version: BavestApiVersion; ok: boolean; status?: number; reason?: string; currency?: string }[];
}

import type { BavestApiVersion } from "../core/ingestionModel.js";

export type Purpose = "local" | "cloud" | "tunnel";
export const PURPOSES: readonly Purpose[] = ["local", "cloud", "tunnel"];

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
  /** What to do when the check failed. */
  fix?: string;
  /** The workflows that need this check to pass. */
  neededFor: Purpose[];
}

export const PULUMI_INSTALL_URL = "https://www.pulumi.com/docs/install/";
export const SSM_PLUGIN_URL =
  "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html";
const MIN_NODE_MAJOR = 20;
const REGION_FIX = "Set AWS_REGION (for example AWS_REGION=eu-central-1) or `aws configure`.";

function nodeCheck(version: string): CheckResult {
  const major = Number.parseInt(version.replace(/^v/, ""), 10);
  const ok = Number.isFinite(major) && major >= MIN_NODE_MAJOR;
  return {
    name: "node",
    ok,
    detail: `Node.js ${version}`,
    fix: ok ? undefined : `Install Node.js ${MIN_NODE_MAJOR} or newer (https://nodejs.org/).`,
    neededFor: ["local", "cloud", "tunnel"],
  };
}

function binaryCheck(
  name: string,
  found: { version: string } | null,
  fix: string,
  neededFor: Purpose[],
): CheckResult {
  return {
    name,
    ok: found !== null,
    detail: found ? found.version : "not found on PATH",
    fix: found ? undefined : fix,
    neededFor,
  };
}

function awsChecks(aws: MachineFacts["aws"]): CheckResult[] {
  const checks: CheckResult[] = [
    {
      name: "aws-credentials",
      ok: aws.credentialsSource !== null,
      detail: aws.credentialsSource ?? "no credentials in the environment or the shared AWS files",
      fix:
        aws.credentialsSource === null
          ? "Run `aws configure` (or `aws sso login`), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
          : undefined,
      neededFor: ["cloud", "tunnel"],
    },
    {
      name: "aws-region",
      ok: aws.region !== null,
      detail: aws.region ? `${aws.region} (from ${aws.regionSource})` : "no region configured",
      fix: aws.region === null ? REGION_FIX : undefined,
      neededFor: ["cloud", "tunnel"],
    },
  ];
  if (aws.identity) {
    const identity = aws.identity;
    const ok = !("error" in identity);
    checks.push({
      name: "aws-identity",
      ok,
      detail: "error" in identity ? identity.error : `${identity.arn} (account ${identity.account})`,
      fix: "error" in identity ? identityFix(identity.error, aws) : undefined,
      neededFor: ["cloud", "tunnel"],
    });
  }
  return checks;
}

/** The fix for a failed STS call: a missing region and a missing key are not stale credentials. */
export function identityFix(error: string, aws: MachineFacts["aws"]): string {
  if (aws.region === null || /region/i.test(error)) return REGION_FIX;
  if (aws.credentialsSource === null || /could not load credentials|no credentials/i.test(error)) {
    return "Run `aws configure` (or `aws sso login`), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.";
  }
  if (/expired|invalid|signature|security token|not authorized|denied/i.test(error)) {
    return "Refresh the credentials (`aws sso login` or new access keys) and try again.";
  }
  return "Check the network connection to AWS STS and the credentials, then try again.";
}

/**
 * Which Bavest API versions the key answers: the setting to choose when only v2 does, and
 * what each version said when none does (a 403 is a wrong key or a wrong path alike).
 */
export function bavestCheck(bavest: BavestFacts): CheckResult {
  const { answered } = bavest;
  const currency = bavest.answers.find((answer) => answer.ok)?.currency;
  const inCurrency = currency ? `, quotes in ${currency}` : "";
  const name = "bavest-api";
  const neededFor: Purpose[] = ["cloud"];
  if (answered.length === 0) {
    const said = bavest.answers
      .map((answer) => `${answer.version}: ${answer.reason ?? "no quote"}`)
      .join("; ");
    return {
      name,
      ok: false,
      detail: `the key answers no API version at ${bavest.apiUrl} (${said})`,
      fix: "Check BAVEST_API_KEY and BAVEST_API_URL (https://api.bavest.co/v0), then run: bavest-signals doctor --online",
      neededFor,
    };
  }
  const detail = `the key answers ${answered.join(" and ")} at ${bavest.apiUrl}${inCurrency}`;
  if (answered.includes("v0")) return { name, ok: true, detail, neededFor };
  return {
    name,
    ok: false,
    detail: `${detail}, not v0 (the default)`,
    fix: "Run: bavest-signals configure --api-version v2 (and `dev --live-api --api-version v2`)",
    neededFor,
  };
}

/** Judges the facts: one check per prerequisite, each with the fix when it fails. */
export function evaluateChecks(facts: MachineFacts): CheckResult[] {
  return [
    nodeCheck(facts.nodeVersion),
    binaryCheck(
      "redis-server",
      facts.redisServer,
      "Install Redis: `sudo apt-get install -y redis-server` (Debian/Ubuntu) or `brew install redis` (macOS); or pass --redis-url to `dev`.",
      ["local"],
    ),
    binaryCheck("pulumi", facts.pulumi, `Install the Pulumi CLI: ${PULUMI_INSTALL_URL}`, ["cloud"]),
    binaryCheck(
      "session-manager-plugin",
      facts.sessionManagerPlugin,
      `Install the AWS Session Manager plugin: ${SSM_PLUGIN_URL}`,
      ["tunnel"],
    ),
    ...awsChecks(facts.aws),
    ...(facts.bavest ? [bavestCheck(facts.bavest)] : []),
  ];
}

/** The checks that matter for what the user asked for; all of them when nothing was asked. */
export function relevantChecks(checks: CheckResult[], purposes: Purpose[]): CheckResult[] {
  if (purposes.length === 0) return checks;
  return checks.filter((check) => check.neededFor.some((purpose) => purposes.includes(purpose)));
}

/** Whether one workflow (local, cloud, tunnel) has everything it needs. */
export interface WorkflowReadiness {
  purpose: Purpose;
  ready: boolean;
  /** The failed checks it needs. */
  missing: string[];
}

/** Readiness of each workflow in `purposes`, judged by the checks each one needs. */
export function workflowReadiness(checks: CheckResult[], purposes: readonly Purpose[]): WorkflowReadiness[] {
  return purposes.map((purpose) => {
    const missing = checks
      .filter((check) => !check.ok && check.neededFor.includes(purpose))
      .map((check) => check.name);
    return { purpose, ready: missing.length === 0, missing };
  });
}

/**
 * Whether doctor succeeds. With `--only`, every workflow asked for must be ready. Without it,
 * doctor looks at all of them and fails only when none is ready: a user who only runs the
 * local pipeline is not told they failed because the cloud tools are missing.
 */
export function doctorSucceeded(workflows: WorkflowReadiness[], asked: readonly Purpose[]): boolean {
  return asked.length > 0
    ? workflows.every((workflow) => workflow.ready)
    : workflows.some((workflow) => workflow.ready);
}
