import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { errorMessage } from "../lib/errors.js";
import type { BavestFacts, MachineFacts } from "./checks.js";

const execFileAsync = promisify(execFile);
const PROBE_TIMEOUT_MS = 5_000;

/** Runs `binary args` and returns the first line it prints, or null when it is not there. */
export async function probeBinary(binary: string, args: string[]): Promise<{ version: string } | null> {
  try {
    const { stdout, stderr } = await execFileAsync(binary, args, { timeout: PROBE_TIMEOUT_MS });
    const firstLine = `${stdout}${stderr}`.trim().split("\n")[0] ?? "";
    return { version: firstLine || "found" };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES") return null;
    // It exists but failed to answer: report it as found with the reason, it is not missing.
    return { version: `found, but \`${binary} ${args.join(" ")}\` failed` };
  }
}

const CREDENTIAL_KEYS = [
  "aws_access_key_id",
  "sso_session",
  "sso_start_url",
  "role_arn",
  "credential_process",
  "web_identity_token_file",
];

/** Finds credentials and a region the way the SDK would, without any network call. */
export async function probeAws(env: NodeJS.ProcessEnv): Promise<MachineFacts["aws"]> {
  const profileName = env.AWS_PROFILE ?? "default";
  let credentialsSource: string | null = null;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)
    credentialsSource = "environment (AWS_ACCESS_KEY_ID)";
  else if (env.AWS_WEB_IDENTITY_TOKEN_FILE) credentialsSource = "environment (AWS_WEB_IDENTITY_TOKEN_FILE)";
  else if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI)
    credentialsSource = "container credentials";

  const { loadSharedConfigFiles } = await import("@smithy/shared-ini-file-loader");
  const files: { configFile: Record<string, object>; credentialsFile: Record<string, object> } =
    await loadSharedConfigFiles({
      filepath: env.AWS_SHARED_CREDENTIALS_FILE,
      configFilepath: env.AWS_CONFIG_FILE,
    }).catch(() => ({ configFile: {}, credentialsFile: {} }));
  const profile = {
    ...(files.configFile[profileName] ?? {}),
    ...(files.credentialsFile[profileName] ?? {}),
  } as Record<string, string | undefined>;
  if (credentialsSource === null && CREDENTIAL_KEYS.some((key) => profile[key])) {
    credentialsSource = `shared AWS files, profile "${profileName}"`;
  }

  let region: string | null = null;
  let regionSource: string | null = null;
  if (env.AWS_REGION) [region, regionSource] = [env.AWS_REGION, "AWS_REGION"];
  else if (env.AWS_DEFAULT_REGION) [region, regionSource] = [env.AWS_DEFAULT_REGION, "AWS_DEFAULT_REGION"];
  else if (profile.region) [region, regionSource] = [profile.region, `profile "${profileName}"`];
  return { credentialsSource, region, regionSource };
}

/** Asks STS who the credentials belong to: the only network call doctor makes, and only with --online. */
export async function probeIdentity(
  region: string | null,
): Promise<{ account: string; arn: string } | { error: string }> {
  try {
    const { STSClient, GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
    const client = new STSClient(region ? { region } : {});
    const identity = await client.send(new GetCallerIdentityCommand({}));
    return { account: identity.Account ?? "?", arn: identity.Arn ?? "?" };
  } catch (error) {
    return { error: errorMessage(error) };
  }
}

/**
 * Asks Bavest, with BAVEST_API_KEY, which API versions answer a quote (one request each); null
 * without a key. Only with --online: it costs two requests of the plan.
 */
export async function probeBavest(
  env: NodeJS.ProcessEnv,
  fetchImpl: typeof fetch = fetch,
): Promise<BavestFacts | null> {
  const key = env.BAVEST_API_KEY?.trim();
  if (!key) return null;
  const [{ probeApiVersion }, { CONFIG_FIELDS }] = await Promise.all([
    import("../lambdas/ingestion/probe.js"),
    import("../stack/configFields.js"),
  ]);
  // Without BAVEST_API_URL, the URL a stack uses unless configured otherwise.
  const apiUrl = env.BAVEST_API_URL?.trim() || (CONFIG_FIELDS.apiUrl.defaultText as string);
  return { apiUrl, ...(await probeApiVersion(apiUrl, key, fetchImpl)) };
}

export async function gatherMachineFacts(env: NodeJS.ProcessEnv, online: boolean): Promise<MachineFacts> {
  const [redisServer, pulumi, sessionManagerPlugin, aws] = await Promise.all([
    probeBinary("redis-server", ["--version"]),
    probeBinary("pulumi", ["version"]),
    probeBinary("session-manager-plugin", ["--version"]),
    probeAws(env),
  ]);
  const facts: MachineFacts = {
    nodeVersion: process.version,
    redisServer,
    pulumi,
    sessionManagerPlugin,
    aws,
  };
  if (online) {
    // STS needs a region and credentials; without them the call could only fail, and say less.
    const [identity, bavest] = await Promise.all([
      aws.region === null ? { error: "not checked: no AWS region is configured" } : probeIdentity(aws.region),
      probeBavest(env),
    ]);
    aws.identity = identity;
    if (bavest) facts.bavest = bavest;
  }
  return facts;
}
