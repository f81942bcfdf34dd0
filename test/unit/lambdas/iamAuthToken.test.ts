import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signIamAuthToken } from "../../../src/lambdas/shared/iamAuthToken.js";

// Fixed credentials and clock: the token is deterministic, and checked against a SigV4
// signature computed here independently, step by step as the SigV4 specification describes.
const credentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const target = { cacheName: "signals-redis-abc1234", userId: "bavest-dev", region: "eu-central-1" };
const now = new Date("2026-11-30T12:34:56Z");

const hmac = (key: Buffer | string, text: string) => createHmac("sha256", key).update(text).digest();
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function expectedSignature(query: URLSearchParams): string {
  const canonicalQuery = [...query.entries()]
    .filter(([key]) => key !== "X-Amz-Signature")
    .map(([k, v]): [string, string] => [encodeURIComponent(k), encodeURIComponent(v)])
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalRequest = [
    "GET",
    "/",
    canonicalQuery,
    `host:${target.cacheName}\n`,
    "host",
    sha256(""),
  ].join("\n");
  const scope = `20261130/${target.region}/elasticache/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", "20261130T123456Z", scope, sha256(canonicalRequest)].join("\n");
  let key: Buffer = hmac(`AWS4${credentials.secretAccessKey}`, "20261130");
  for (const part of [target.region, "elasticache", "aws4_request"]) key = hmac(key, part);
  return createHmac("sha256", key).update(toSign).digest("hex");
}

describe("the ElastiCache IAM token", () => {
  it("is a presigned connect request for the cache and user, valid 15 minutes, without its scheme", async () => {
    const token = await signIamAuthToken(target, credentials, now);

    expect(token.startsWith("signals-redis-abc1234/?")).toBe(true);
    const query = new URL(`http://${token}`).searchParams;
    expect(query.get("Action")).toBe("connect");
    expect(query.get("User")).toBe("bavest-dev");
    expect(query.get("X-Amz-Algorithm")).toBe("AWS4-HMAC-SHA256");
    expect(query.get("X-Amz-Credential")).toBe("AKIDEXAMPLE/20261130/eu-central-1/elasticache/aws4_request");
    expect(query.get("X-Amz-Date")).toBe("20261130T123456Z");
    expect(query.get("X-Amz-Expires")).toBe("900");
    expect(query.get("X-Amz-SignedHeaders")).toBe("host");
    expect(query.get("X-Amz-Signature")).toBe(expectedSignature(query));
  });

  it("carries the session token of temporary credentials and changes with the clock", async () => {
    const withSession = await signIamAuthToken(
      target,
      { ...credentials, sessionToken: "FwoG/session+token=" },
      now,
    );
    const later = await signIamAuthToken(target, credentials, new Date(now.getTime() + 60_000));

    expect(new URL(`http://${withSession}`).searchParams.get("X-Amz-Security-Token")).toBe(
      "FwoG/session+token=",
    );
    expect(later).not.toBe(await signIamAuthToken(target, credentials, now));
  });
});
