import type { ApiKeySource } from "./settings.js";

/** Reads a secret's string value (Secrets Manager in production, a fake in tests). */
export type SecretReader = (secretArn: string) => Promise<string>;

/** Reads a secret with the AWS SDK, loaded only when a secret is actually used. */
export const secretsManagerReader: SecretReader = async (secretArn) => {
  const { SecretsManagerClient, GetSecretValueCommand } = await import("@aws-sdk/client-secrets-manager");
  const answer = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!answer.SecretString)
    throw new Error(`Secret ${secretArn} has no string value (expected the Bavest API key).`);
  return answer.SecretString;
};

const JSON_KEY_FIELDS = ["apiKey", "api_key", "BAVEST_API_KEY", "key"];

/** A secret holds the key itself, or a JSON object with it under one of the usual field names. */
export function apiKeyFromSecret(value: string, secretArn: string): string {
  const trimmed = value.trim();
  if (!trimmed.startsWith("{")) return trimmed;
  try {
    const parsed = JSON.parse(trimmed) as Record<string, unknown>;
    const field = JSON_KEY_FIELDS.find((name) => typeof parsed[name] === "string");
    if (field) return String(parsed[field]);
  } catch {
    // Not JSON after all: the whole string is the key.
    return trimmed;
  }
  throw new Error(`Secret ${secretArn} is JSON without a string field ${JSON_KEY_FIELDS.join(", ")}.`);
}

/**
 * Returns a function giving the API key. A secret is fetched once and cached for the life of the
 * container; a failed fetch is not cached, so the next invocation tries again.
 */
export function createApiKeyProvider(source: ApiKeySource, readSecret: SecretReader = secretsManagerReader) {
  if ("apiKey" in source) return async () => source.apiKey;
  let cached: Promise<string> | undefined;
  return (): Promise<string> => {
    cached ??= readSecret(source.secretArn)
      .then((value) => apiKeyFromSecret(value, source.secretArn))
      .catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
    return cached;
  };
}
