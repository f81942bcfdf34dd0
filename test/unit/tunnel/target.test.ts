import { describe, expect, it } from "vitest";
import { redisCredentialSource } from "../../../src/cloud/redisCredentials.js";
import { signIamAuthToken } from "../../../src/lambdas/shared/iamAuthToken.js";
import type { CliError } from "../../../src/lib/errors.js";
import { tunnelTargetFromOutputs } from "../../../src/tunnel/target.js";

const outputs = {
  bastion_instance_id: "i-0abc",
  redis_primary_endpoint: "master.bavest-dev.abc123.euc1.cache.amazonaws.com",
  redis_port: 6379,
  region: "eu-central-1",
};

function failure(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    return error as CliError;
  }
  throw new Error("expected an error");
}

describe("tunnelTargetFromOutputs", () => {
  it("builds the target from the stack outputs alone (credentials travel separately)", () => {
    expect(tunnelTargetFromOutputs("dev", { ...outputs, redis_port: "6379" })).toEqual({
      bastionInstanceId: "i-0abc",
      redisHost: outputs.redis_primary_endpoint,
      redisPort: 6379,
      region: "eu-central-1",
    });
  });

  it("names the config key when the bastion is turned off", () => {
    const error = failure(() =>
      tunnelTargetFromOutputs("prod", { ...outputs, bastion_instance_id: undefined }),
    );

    expect(error.message).toContain('Stack "prod" has no bastion');
    expect(error.hint).toContain("bavest-signals:bastion");
    expect(error.hint).toContain("bavest-signals deploy --stack prod");
  });

  it("sends the user to deploy when the Redis outputs are missing", () => {
    const error = failure(() => tunnelTargetFromOutputs("dev", {}));

    expect(error.hint).toBe("Deploy it first. Run: bavest-signals deploy --stack dev");
  });
});

describe("the credentials for a deployed stack's Redis", () => {
  const iamOutputs = {
    ...outputs,
    redis_user: "bavest-dev",
    redis_replication_group_id: "signals-redis-abc1234",
  };
  const awsCredentials = async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example-secret" });
  const now = () => new Date("2026-11-30T12:00:00Z");

  it("are a fresh IAM token signed with the caller's own credentials when the stack has an IAM user", async () => {
    const credentials = await redisCredentialSource("dev", iamOutputs, {}, { awsCredentials, now })();

    expect(credentials).toMatchObject({ username: "bavest-dev", kind: "iam" });
    expect(credentials.password).toBe(
      await signIamAuthToken(
        { cacheName: "signals-redis-abc1234", userId: "bavest-dev", region: "eu-central-1" },
        await awsCredentials(),
        now(),
      ),
    );
  });

  it("fall back to the old AUTH token of a stack deployed before IAM authentication", async () => {
    const config = { "bavest-signals:redisAuthToken": { value: "old-token-0123456789" } };

    expect(await redisCredentialSource("dev", outputs, config)()).toEqual({
      username: "default",
      password: "old-token-0123456789",
      kind: "token",
    });
  });

  it("name the secret config key and the deploy that fixes it when there is neither", async () => {
    const attempt = redisCredentialSource("dev", outputs, {})();

    await expect(attempt).rejects.toThrow("bavest-signals:redisAuthToken");
    await expect(attempt).rejects.toMatchObject({
      hint: expect.stringContaining("bavest-signals deploy --stack dev"),
    });
  });
});
