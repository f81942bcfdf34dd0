import { GetRegionOptStatusCommand } from "@aws-sdk/client-account";
import { DescribeImagesCommand, DescribeInstanceTypeOfferingsCommand } from "@aws-sdk/client-ec2";
import {
  DescribeCacheEngineVersionsCommand,
  DescribeEngineDefaultParametersCommand,
  DescribeReservedCacheNodesOfferingsCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
} from "@aws-sdk/client-elasticache";
import { SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { DescribeLimitsCommand } from "@aws-sdk/client-kinesis";
import { GetAccountSettingsCommand } from "@aws-sdk/client-lambda";
import { GetServiceQuotaCommand } from "@aws-sdk/client-service-quotas";
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { beforeAll, describe, expect, it } from "vitest";
import { CLOUD_CHECKS } from "../../../src/preflight/checks/index.js";
import { runCheck } from "../../../src/preflight/run.js";
import type { PreflightContext } from "../../../src/preflight/types.js";
import { defaultStackConfig } from "../../../src/stack/config.js";
import { cacheUserIds } from "../../../src/stack/stackNames.js";
import type { RecordedCall } from "../../../src/stack/synth/mocks.js";
import { runSynth, type SynthResource } from "../../../src/stack/synth/runSynth.js";
import {
  accessDenied,
  answerYes,
  checkContext,
  fixture,
  mockedAws,
  notFound,
  simulated,
  throttled,
} from "./harness.js";

let program: { resources: SynthResource[]; calls: RecordedCall[] };

beforeAll(async () => {
  // The program as deploy would create it with the defaults, under the mock runtime.
  program = await runSynth({ config: defaultStackConfig(), stack: "dev", bundleDir: "/tmp/bundles" });
});

function setup(overrides: Partial<PreflightContext> = {}) {
  const { aws, mocks } = mockedAws();
  answerYes(mocks);
  return { mocks, context: checkContext(program, aws, overrides) };
}

async function check(id: string, context: PreflightContext) {
  const found = CLOUD_CHECKS.find((item) => item.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return runCheck(found, context);
}

describe("preflight checks, yes", () => {
  it("passes every check when the account has room, offers everything and nothing is taken", async () => {
    const { context } = setup();

    const results = await Promise.all(CLOUD_CHECKS.map((item) => runCheck(item, context)));

    expect(results.filter((result) => !result.ok)).toEqual([]);
    const byId = Object.fromEntries(results.map((result) => [result.id, result]));
    expect(byId["quota-kinesis-shards"]?.detail).toBe(
      "Kinesis shards: 3 of 200 used (DescribeLimits); this stack adds 1; 196 remain after it",
    );
    expect(byId["quota-vpcs"]?.detail).toContain(
      "1 of 5 used (quota L-F678F1CE); this stack adds 1; 3 remain",
    );
    expect(byId["bastion-image"]?.detail).toContain("resolves to ami-0a1b2c3d4e5f67890 (arm64");
    expect(byId["names-free"]?.detail).toContain("bavest-dev-b358bf-users");
    for (const result of results) expect(result.doc).toMatch(/^https:\/\//);
  });
});

describe("preflight checks, no", () => {
  const cases: {
    id: string;
    arrange: (mocks: ReturnType<typeof setup>["mocks"]) => void;
    detail: RegExp;
    fix: RegExp;
  }[] = [
    {
      id: "region-enabled",
      arrange: (m) =>
        m.account.on(GetRegionOptStatusCommand).resolves(fixture("GetRegionOptStatus.disabled")),
      detail: /eu-central-1 is DISABLED/,
      fix: /aws account enable-region --region-name eu-central-1/,
    },
    {
      id: "quota-kinesis-shards",
      arrange: (m) => m.kinesis.on(DescribeLimitsCommand).resolves(fixture("DescribeLimits.full")),
      detail: /200 of 200 used.*adds 1; 1 short/,
      fix: /--shards/,
    },
    {
      id: "quota-lambda-concurrency",
      arrange: (m) =>
        m.lambda.on(GetAccountSettingsCommand).resolves(fixture("GetAccountSettings.none-left")),
      detail: /1 unreserved of 10; this stack may run 2 at once/,
      fix: /Concurrent executions/,
    },
    {
      id: "quota-vpcs",
      arrange: (m) => {
        const quota = fixture("GetServiceQuota.vpcs");
        m.quotas.on(GetServiceQuotaCommand).resolves({ Quota: { ...quota.Quota, Value: 1 } });
      },
      detail: /VPCs: 1 of 1 used/,
      fix: /--vpc-id/,
    },
    {
      id: "cache-engine-version",
      arrange: (m) =>
        m.elasticache.on(DescribeCacheEngineVersionsCommand).resolves({ CacheEngineVersions: [] }),
      detail: /redis 7\.1 is not offered in eu-central-1/,
      fix: /describe-cache-engine-versions/,
    },
    {
      id: "cache-node-type",
      arrange: (m) =>
        m.elasticache
          .on(DescribeReservedCacheNodesOfferingsCommand)
          .resolves({ ReservedCacheNodesOfferings: [] }),
      detail: /cache\.t3\.micro is not offered/,
      fix: /--node-type/,
    },
    {
      id: "cache-parameters",
      arrange: (m) => {
        const defaults = fixture("DescribeEngineDefaultParameters");
        const locked = defaults.EngineDefaults.Parameters.map((p: object) => ({ ...p, IsModifiable: false }));
        m.elasticache
          .on(DescribeEngineDefaultParametersCommand)
          .resolves({ EngineDefaults: { ...defaults.EngineDefaults, Parameters: locked } });
      },
      detail: /zset-max-listpack-entries is not modifiable/,
      fix: /synth/,
    },
    {
      id: "bastion-instance-type",
      arrange: (m) =>
        m.ec2.on(DescribeInstanceTypeOfferingsCommand).resolves({
          InstanceTypeOfferings: [
            { InstanceType: "t4g.nano", LocationType: "availability-zone", Location: "eu-central-1b" },
          ],
        }),
      detail: /t4g\.nano is not offered in eu-central-1a \(offered in: eu-central-1b\)/,
      fix: /--bastion false/,
    },
    {
      id: "bastion-image",
      arrange: (m) => {
        const images = fixture("DescribeImages");
        m.ec2
          .on(DescribeImagesCommand)
          .resolves({ Images: [{ ...images.Images[0], Architecture: "x86_64" }] });
      },
      detail: /ami-0a1b2c3d4e5f67890 is x86_64; t4g\.nano runs arm64/,
      fix: /--bastion false/,
    },
    {
      id: "bastion-image",
      arrange: (m) => m.ssm.on(GetParameterCommand).rejects(notFound("GetParameter")),
      detail: /al2023-ami-kernel-default-arm64 does not exist/,
      fix: /--bastion false/,
    },
    {
      id: "permissions",
      arrange: (m) =>
        m.iam
          .on(SimulatePrincipalPolicyCommand)
          .callsFake((input) =>
            simulated(input, (action) => (action === "elasticache:CreateUser" ? "implicitDeny" : "allowed")),
          ),
      detail:
        /role\/Deployer may not call: elasticache:CreateUser on arn:aws:elasticache:eu-central-1:123456789012:user:\* \(implicitDeny\)/,
      fix: /Grant/,
    },
    {
      id: "names-free",
      arrange: (m) => m.elasticache.on(DescribeUsersCommand).resolves(fixture("DescribeUsers")),
      detail: /ElastiCache user "bavest-dev-b358bf"/,
      fix: /another stack name/,
    },
  ];

  for (const item of cases) {
    it(`${item.id} fails with the fix: ${item.detail.source}`, async () => {
      const { mocks, context } = setup();
      item.arrange(mocks);

      const result = await check(item.id, context);

      expect(result.ok).toBe(false);
      expect(result.detail).toMatch(item.detail);
      expect(result.fix).toMatch(item.fix);
    });
  }

  it("asks for the ids the program's own id builder gives the stack", async () => {
    const { mocks, context } = setup();

    await check("names-free", context);

    const ids = cacheUserIds("bavest-signals", "dev");
    const users = mocks.elasticache
      .commandCalls(DescribeUsersCommand)
      .map((call) => call.args[0].input.UserId);
    const groups = mocks.elasticache
      .commandCalls(DescribeUserGroupsCommand)
      .map((call) => call.args[0].input.UserGroupId);
    expect(users.sort()).toEqual([ids.app, ids.disabledDefault].sort());
    expect(groups).toEqual([ids.group]);
  });

  it("counts only what a deployed stack adds: a stream of 1 shard going to 4 adds 3", async () => {
    const { mocks, context } = setup({
      deployed: new Map([
        ["aws:kinesis/stream:Stream", [{ shardCount: 1, streamModeDetails: { streamMode: "PROVISIONED" } }]],
      ]),
      resources: program.resources.map((resource) =>
        resource.type === "aws:kinesis/stream:Stream"
          ? { ...resource, inputs: { ...resource.inputs, shardCount: 4 } }
          : resource,
      ),
    });
    mocks.kinesis
      .on(DescribeLimitsCommand)
      .resolves({ ...fixture("DescribeLimits.full"), OpenShardCount: 198 });

    const result = await check("quota-kinesis-shards", context);

    expect(result).toMatchObject({ ok: false });
    expect(result.detail).toBe(
      "Kinesis shards: 198 of 200 used (DescribeLimits); this stack adds 3; 1 short",
    );
  });

  it("a name this stack already holds is not taken", async () => {
    const { mocks, context } = setup({
      owned: new Map([
        ["aws:elasticache/user:User", new Set(["bavest-dev-b358bf", "bavest-dev-b358bf-default"])],
      ]),
    });
    mocks.elasticache.on(DescribeUsersCommand).resolves(fixture("DescribeUsers"));

    const result = await check("names-free", context);

    expect(result.ok).toBe(true);
    expect(result.detail).toContain("bavest-dev-b358bf (this stack's)");
  });

  it("the Bavest key check fails with the configure command when the key is refused", async () => {
    const { context } = setup({
      probeBavest: async () => ({ ok: false, status: 403, reason: "the key was refused" }),
    });

    const result = await check("bavest-key", context);

    expect(result).toMatchObject({ ok: false, detail: expect.stringContaining("the key was refused") });
    expect(result.fix).toContain("bavest-signals configure --stack dev");
  });

  it("the Bavest key check fails when the configured rate is above the one the API announces", async () => {
    const { context } = setup({
      probeBavest: async () => ({ ok: true, status: 200, requestsPerSecondLimit: 5 }),
    });

    const result = await check("bavest-key", context);

    expect(result.detail).toContain("sends 10 requests/s and the API allows 5");
    expect(result.fix).toContain("--bavest-requests-per-second 5");
  });
});

describe("preflight checks, throttled", () => {
  it("every AWS check fails with 'run again' when AWS keeps throttling", async () => {
    const { mocks, context } = setup();
    for (const [name, mock] of Object.entries(mocks)) {
      if (name !== "sts") mock.onAnyCommand().rejects(throttled(name));
    }

    const results = await Promise.all(CLOUD_CHECKS.map((item) => runCheck(item, context)));

    const failed = results.filter((result) => !result.ok).map((result) => result.id);
    expect(failed).toEqual(
      CLOUD_CHECKS.map((item) => item.id).filter((id) => !["identity", "bavest-key"].includes(id)),
    );
    for (const result of results.filter((item) => !item.ok)) {
      expect(result.detail).toMatch(
        /AWS throttled the call \((TooManyRequestsException|LimitExceededException|RequestLimitExceeded|Throttling|ThrottlingException)\)/,
      );
      expect(result.fix).toBe("Run again in a minute: bavest-signals preflight --stack dev");
    }
  });

  it("identity fails with run again when STS throttles", async () => {
    const { mocks, context } = setup();
    mocks.sts.on(GetCallerIdentityCommand).rejects(throttled("sts"));
    const askingSts = {
      ...context,
      callerIdentity: async () => {
        const answer = await context.aws.sts.send(new GetCallerIdentityCommand({}));
        return { account: answer.Account ?? "", arn: answer.Arn ?? "" };
      },
    };

    const result = await check("identity", askingSts);

    expect(result).toMatchObject({
      ok: false,
      fix: "Run again in a minute: bavest-signals preflight --stack dev",
    });
  });
});

describe("preflight checks, access denied", () => {
  it("skips what may be skipped, falls back to documented defaults, and names the action to grant otherwise", async () => {
    const { mocks, context } = setup();
    for (const [name, mock] of Object.entries(mocks)) {
      if (name !== "sts") mock.onAnyCommand().rejects(accessDenied(name));
    }

    const results = Object.fromEntries(
      (await Promise.all(CLOUD_CHECKS.map((item) => runCheck(item, context)))).map((result) => [
        result.id,
        result,
      ]),
    );

    expect(results["region-enabled"]).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^skipped: account:GetRegionOptStatus/),
    });
    expect(results.permissions).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^skipped: IAM would not simulate/),
    });
    expect(results["quota-vpcs"]).toMatchObject({
      ok: false,
      detail: expect.stringContaining("UnauthorizedOperation"),
    });
    expect(results["quota-vpcs"]?.fix).toContain("servicequotas:GetServiceQuota, ec2:DescribeVpcs");
    expect(results["quota-kinesis-shards"]?.fix).toContain("kinesis:DescribeLimits");
    expect(results["cache-engine-version"]?.fix).toContain("elasticache:DescribeCacheEngineVersions");
    expect(results["bavest-key"]?.ok).toBe(true);
  });

  it("a quota that may not be read falls back to AWS's documented default", async () => {
    const { mocks, context } = setup();
    mocks.quotas.on(GetServiceQuotaCommand).rejects(accessDenied("quotas"));

    const result = await check("quota-cache-nodes", context);

    expect(result).toMatchObject({ ok: true });
    expect(result.detail).toBe(
      "ElastiCache nodes: 1 of 300 used (AWS's default, quota L-DFE45DF3 not readable); this stack adds 1; 298 remain after it",
    );
  });
});
