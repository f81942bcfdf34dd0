import type { CheckOutcome } from "./types.js";

/**
 * Error codes AWS answers a refused call with, across the JSON and query protocols
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
 */
const ACCESS_DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "AuthorizationError",
  "UnrecognizedClientException",
]);

/** Codes of a call AWS throttled, after the SDK's own retries gave up. */
const THROTTLED = new Set([
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "LimitExceededException",
  "SlowDown",
]);

function errorCode(error: unknown): string {
  if (!error || typeof error !== "object") return "";
  const named = error as { name?: unknown; Code?: unknown; code?: unknown };
  return String(named.name ?? named.Code ?? named.code ?? "");
}

export function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED.has(errorCode(error));
}

export function isThrottled(error: unknown): boolean {
  return THROTTLED.has(errorCode(error));
}

/** True when the error is AWS's "not found" for the named fault (e.g. `UserNotFoundFault`). */
export function isFault(error: unknown, ...codes: string[]): boolean {
  return codes.includes(errorCode(error));
}

/**
 * What a check says when a call failed: refused calls name the action to grant, throttled ones
 * ask to run again; anything else keeps AWS's words. Never throws: one check failing never hides the others.
 */
export function outcomeOfError(
  error: unknown,
  check: { id: string; actions: readonly string[] },
  stack: string,
): CheckOutcome {
  const message = error instanceof Error ? error.message : String(error);
  if (isAccessDenied(error)) {
    return {
      ok: false,
      detail: `AWS refused the call (${errorCode(error)}): ${message}`,
      fix: `Grant the deploying principal ${check.actions.join(", ")} (README, "Before the first deploy", lists the policy), or pass --skip-preflight to deploy without asking.`,
    };
  }
  if (isThrottled(error)) {
    return {
      ok: false,
      detail: `AWS throttled the call (${errorCode(error)}) after the SDK's retries.`,
      fix: `Run again in a minute: bavest-signals preflight --stack ${stack}`,
    };
  }
  return {
    ok: false,
    detail: `The check could not finish: ${errorCode(error) || "error"}: ${message}`,
    fix: `Check your AWS credentials and network, then run: bavest-signals preflight --stack ${stack}`,
  };
}
