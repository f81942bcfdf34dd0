import { STACK_OUTPUTS } from "../core/stackOutputs.js";
import type { AwsCredentials } from "../lambdas/shared/iamAuthToken.js";
import { CliError } from "../lib/errors.js";
import { SECRET_KEYS } from "../stack/configFields.js";

/** What authenticates a client to a deployed stack's Redis, and where it came from. */
export interface RedisCredentials {
  username: string;
  password: string;
  /** `iam`: a 15-minute token signed with your own AWS credentials; `token`: a stack's old AUTH token. */
  kind: "iam" | "token";
}

export type RedisCredentialSource = () => Promise<RedisCredentials>;

export interface RedisCredentialDeps {
  /** Your AWS credentials; the default provider chain (env, ~/.aws, SSO) unless handed in. */
  awsCredentials?: () => Promise<AwsCredentials>;
  now?: () => Date;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

async function defaultAwsCredentials(): Promise<AwsCredentials> {
  const { fromNodeProviderChain } = await import("@aws-sdk/credential-providers");
  return fromNodeProviderChain()();
}

/**
 * How to sign in to a stack's Redis. A stack with an IAM-enabled user (outputs `redis_user`,
 * `redis_replication_group_id`) gets a token signed locally with the caller's own credentials,
 * which need `elasticache:Connect` on the cache and the user
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html); a stack deployed
 * before IAM authentication still has its AUTH token in its secret config. Each call signs anew.
 */
export function redisCredentialSource(
  stack: string,
  outputs: Record<string, unknown>,
  config: Record<string, { value: string }>,
  deps: RedisCredentialDeps = {},
): RedisCredentialSource {
  const userId = text(outputs[STACK_OUTPUTS.redisUser]);
  const cacheName = text(outputs[STACK_OUTPUTS.redisReplicationGroupId]);
  const region = text(outputs[STACK_OUTPUTS.region]);
  if (userId && cacheName && region) {
    return async () => {
      const { signIamAuthToken } = await import("../lambdas/shared/iamAuthToken.js");
      const credentials = await (deps.awsCredentials ?? defaultAwsCredentials)();
      const password = await signIamAuthToken(
        { cacheName, userId, region },
        credentials,
        (deps.now ?? (() => new Date()))(),
      );
      return { username: userId, password, kind: "iam" };
    };
  }
  return async () => {
    const token = text(config[SECRET_KEYS.redisAuthToken]?.value);
    if (!token) {
      throw new CliError(
        `Stack "${stack}" has neither an IAM Redis user in its outputs nor an AUTH token in its secret config ${SECRET_KEYS.redisAuthToken}.`,
        { hint: `Deploy the current program (IAM authentication): bavest-signals deploy --stack ${stack}` },
      );
    }
    return { username: "default", password: token, kind: "token" };
  };
}
