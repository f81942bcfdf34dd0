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
}

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
      fix:
        aws.region === null
          ? "Set AWS_REGION (for example AWS_REGION=eu-central-1) or `aws configure`."
          : undefined,
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
      fix: ok ? undefined : "Refresh the credentials (`aws sso login` or new access keys) and try again.",
      neededFor: ["cloud", "tunnel"],
    });
  }
  return checks;
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
  ];
}

/** The checks that matter for what the user asked for; all of them when nothing was asked. */
export function relevantChecks(checks: CheckResult[], purposes: Purpose[]): CheckResult[] {
  if (purposes.length === 0) return checks;
  return checks.filter((check) => check.neededFor.some((purpose) => purposes.includes(purpose)));
}
