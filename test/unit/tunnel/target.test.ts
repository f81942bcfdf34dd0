import { describe, expect, it } from "vitest";
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
  it("builds the target from the stack outputs and the AUTH token", () => {
    expect(tunnelTargetFromOutputs("dev", { ...outputs, redis_port: "6379" }, "tok")).toEqual({
      bastionInstanceId: "i-0abc",
      redisHost: outputs.redis_primary_endpoint,
      redisPort: 6379,
      region: "eu-central-1",
      authToken: "tok",
    });
  });

  it("names the config key when the bastion is turned off", () => {
    const error = failure(() =>
      tunnelTargetFromOutputs("prod", { ...outputs, bastion_instance_id: undefined }, "tok"),
    );

    expect(error.message).toContain('Stack "prod" has no bastion');
    expect(error.hint).toContain("bavest-signals:bastion");
    expect(error.hint).toContain("bavest-signals deploy --stack prod");
  });

  it("sends the user to deploy when the Redis outputs are missing", () => {
    const error = failure(() => tunnelTargetFromOutputs("dev", {}, "tok"));

    expect(error.hint).toBe("Deploy it first. Run: bavest-signals deploy --stack dev");
  });

  it("names the secret config key when the AUTH token is missing", () => {
    const error = failure(() => tunnelTargetFromOutputs("dev", outputs, undefined));

    expect(error.message).toContain("bavest-signals:redisAuthToken");
  });
});
