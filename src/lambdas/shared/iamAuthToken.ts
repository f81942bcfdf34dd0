import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";

/** AWS credentials as the SDK's providers return them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where a token is good for: the cache (replication group id), the IAM-enabled user, the region. */
export interface IamTokenTarget {
  cacheName: string;
  userId: string;
  region: string;
}

/**
 * An IAM authentication token is valid for 15 minutes, and a connection it opened is closed
 * after 12 hours unless re-authenticated with a fresh one
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html, Limitations).
 */
export const IAM_TOKEN_LIFETIME_SECONDS = 900;
export const IAM_CONNECTION_LIFETIME_SECONDS = 12 * 3600;

const SIGNATURE_PARAMETER = "X-Amz-Signature";

/** RFC 3986 encoding, as SigV4 canonicalises query strings. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Signs an ElastiCache IAM authentication token locally (no network call): a SigV4-presigned
 * `GET http://<cache>/?Action=connect&User=<user>` for service `elasticache`, valid 15 minutes,
 * with its scheme removed; it is the password of `AUTH <user> <token>`
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html, Connecting).
 */
export async function signIamAuthToken(
  target: IamTokenTarget,
  credentials: AwsCredentials,
  now: Date,
): Promise<string> {
  const signer = new SignatureV4({
    service: "elasticache",
    region: target.region,
    credentials,
    sha256: Sha256,
  });
  const signed = await signer.presign(
    {
      method: "GET",
      protocol: "http:",
      hostname: target.cacheName,
      path: "/",
      query: { Action: "connect", User: target.userId },
      headers: { host: target.cacheName },
    },
    { expiresIn: IAM_TOKEN_LIFETIME_SECONDS, signingDate: now },
  );
  return `${target.cacheName}/?${queryWithSignatureLast(signed.query ?? {})}`;
}

/**
 * The presigned query as botocore, AWS's Java sample and the SDK's own presigner write it: the
 * signed parameters in canonical order (sorted by encoded name), then `X-Amz-Signature`, which
 * is not part of what it signs, appended last.
 */
function queryWithSignatureLast(query: Record<string, string | string[] | null>): string {
  const signed = Object.entries(query)
    .filter(([key]) => key !== SIGNATURE_PARAMETER)
    .map(([key, value]): [string, string] => [encode(key), encode(String(value))])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signature = query[SIGNATURE_PARAMETER];
  if (typeof signature !== "string") throw new Error("The presigned token has no X-Amz-Signature.");
  return [...signed, [SIGNATURE_PARAMETER, encode(signature)]]
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
}

/**
 * The Lambda runtime's credentials: its role's, in the standard variables (the default
 * provider chain's first link), read at each signing so that refreshed ones are picked up.
 */
export function environmentCredentials(env: NodeJS.ProcessEnv = process.env): () => Promise<AwsCredentials> {
  return async () => {
    const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = env;
    if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY) {
      throw new Error(
        "No AWS credentials in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY to sign the Redis IAM token.",
      );
    }
    return {
      accessKeyId: AWS_ACCESS_KEY_ID,
      secretAccessKey: AWS_SECRET_ACCESS_KEY,
      ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
    };
  };
}
