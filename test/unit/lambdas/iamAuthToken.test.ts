import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signIamAuthToken } from "../../../src/lambdas/shared/iamAuthToken.js";

// Fixed credentials and clock: the token is deterministic, and checked against a presigned
// request built here independently, step by step as the SigV4 specification describes
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
const credentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const target = { cacheName: "signals-redis-abc1234", userId: "bavest-dev", region: "eu-central-1" };
const now = new Date("2026-11-30T12:34:56Z");

const hmac = (key: Buffer | string, text: string) => createHmac("sha256", key).update(text).digest();
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const rfc3986 = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The presigned connect request's query, in the order botocore and the SDK's presigner emit it. */
function referenceQuery(sessionToken?: string): [string, string][] {
  const scope = `20261130/${target.region}/elasticache/aws4_request`;
  const unsigned: [string, string][] = [
    ["Action", "connect"],
    ["User", target.userId],
    ["X-Amz-Algorithm", "AWS4-HMAC-SHA256"],
    ["X-Amz-Credential", `${credentials.accessKeyId}/${scope}`],
    ["X-Amz-Date", "20261130T123456Z"],
    ["X-Amz-Expires", "900"],
    ...(sessionToken ? [["X-Amz-Security-Token", sessionToken] as [string, string]] : []),
    ["X-Amz-SignedHeaders", "host"],
  ];
  const canonicalQuery = unsigned.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join("&");
  const canonicalRequest = [
    "GET",
    "/",
    canonicalQuery,
    `host:${target.cacheName}\n`,
    "host",
    sha256(""),
  ].join("\n");
  const toSign = ["AWS4-HMAC-SHA256", "20261130T123456Z", scope, sha256(canonicalRequest)].join("\n");
  let key: Buffer = hmac(`AWS4${credentials.secretAccessKey}`, "20261130");
  for (const part of [target.region, "elasticache", "aws4_request"]) key = hmac(key, part);
  return [...unsigned, ["X-Amz-Signature", createHmac("sha256", key).update(toSign).digest("hex")]];
}

/** The token's query parameters in the order it carries them, decoded. */
function queryOf(token: string): [string, string][] {
  const query = token.slice(token.indexOf("?") + 1);
  return query.split("&").map((pair) => {
    const [key = "", value = ""] = pair.split("=");
    return [decodeURIComponent(key), decodeURIComponent(value)];
  });
}

const sorted = (pairs: [string, string][]) => [...pairs].sort(([a], [b]) => (a < b ? -1 : 1));

describe("the ElastiCache IAM token", () => {
  for (const sessionToken of [undefined, "FwoG/session+token=="]) {
    const kind = sessionToken ? "temporary credentials (a session token)" : "long-term credentials";
    it(`is the reference presigned connect request for ${kind}, its signature last`, async () => {
      const token = await signIamAuthToken(target, { ...credentials, sessionToken }, now);
      const reference = referenceQuery(sessionToken);

      expect(token.startsWith(`${target.cacheName}/?`)).toBe(true);
      // The same parameters and values, signature included ...
      expect(sorted(queryOf(token))).toEqual(sorted(reference));
      // ... in the canonical order, with X-Amz-Signature appended after all of them.
      expect(queryOf(token).map(([key]) => key)).toEqual(reference.map(([key]) => key));
      expect(queryOf(token).at(-1)?.[0]).toBe("X-Amz-Signature");
    });
  }

  it("escapes reserved characters of the query values as SigV4 does", async () => {
    const token = await signIamAuthToken(target, { ...credentials, sessionToken: "a/b+c=" }, now);
    expect(token).toContain("X-Amz-Security-Token=a%2Fb%2Bc%3D&");
    expect(token).toContain(
      `X-Amz-Credential=AKIDEXAMPLE%2F20261130%2F${target.region}%2Felasticache%2Faws4_request`,
    );
  });

  it("changes with the clock", async () => {
    const later = await signIamAuthToken(target, credentials, new Date(now.getTime() + 60_000));
    expect(later).not.toBe(await signIamAuthToken(target, credentials, now));
    expect(new URL(`http://${later}`).searchParams.get("X-Amz-Date")).toBe("20261130T123556Z");
  });
});
