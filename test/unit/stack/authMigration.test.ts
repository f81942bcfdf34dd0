import { beforeAll, describe, expect, it } from "vitest";
import { collectChangePlan } from "../../../src/deploy/changeSummary.js";
import { renderDeploy } from "../../../src/deploy/runDeploy.js";
import { estimateMonthlyCost } from "../../../src/plan/costEstimate.js";
import { redisAuthMigrationLines } from "../../../src/stack/authMigration.js";
import { TOKEN_USER_ACCESS_STRING } from "../../../src/stack/components/cacheUsers.js";
import { defaultStackConfig } from "../../../src/stack/config.js";
import { cacheUserIds } from "../../../src/stack/stackNames.js";
import { runSynth, type SynthResource, type SynthResult } from "../../../src/stack/synth/runSynth.js";
import { facts } from "./synthFacts.js";

// A stack deployed with an AUTH token moves to IAM authentication in two deploys: step 1 with
// the token still in its config, step 2 after `pulumi config rm ...redisAuthToken`. Both
// programs are synthesized here, so the test can say which resources each deploy changes.
const TOKEN = "old-auth-token-0123456789abcdef";
const REDIS = "aws:elasticache/replicationGroup:ReplicationGroup";
const USER = "aws:elasticache/user:User";
const ids = cacheUserIds("bavest-signals", "prod");
let step1: SynthResult;
let step2: SynthResult;

beforeAll(async () => {
  const config = defaultStackConfig();
  const secrets = { bavestApiKey: "api-key-0123456789" };
  step1 = await runSynth({
    config,
    stack: "prod",
    bundleDir: "/bundles",
    secrets: { ...secrets, legacyRedisAuthToken: TOKEN },
  });
  step2 = await runSynth({ config, stack: "prod", bundleDir: "/bundles", secrets });
});

const key = (r: SynthResource) => `${r.type}::${r.name}`;
const byKey = (result: SynthResult) => new Map(result.resources.map((r) => [key(r), r]));

/** Resources the second deploy adds, removes or changes (inputs or options), by type::name. */
function changedBetween(before: SynthResult, after: SynthResult) {
  const [a, b] = [byKey(before), byKey(after)];
  const same = (x: SynthResource, y: SynthResource) =>
    JSON.stringify([x.inputs, x.options]) === JSON.stringify([y.inputs, y.options]);
  return {
    added: [...b.keys()].filter((k) => !a.has(k)),
    removed: [...a.keys()].filter((k) => !b.has(k)),
    changed: [...b.keys()].filter(
      (k) => a.has(k) && !same(a.get(k) as SynthResource, b.get(k) as SynthResource),
    ),
  };
}

describe("step 1: the token keeps working while the cache takes IAM tokens (item P2)", () => {
  it("puts a `default` user holding the old token, with the token's full access, next to the IAM user", () => {
    const f = facts(step1);
    const tokenUser = f.one(USER, "signals-token-user").inputs;
    expect(tokenUser).toMatchObject({
      userId: ids.tokenDefault,
      userName: "default",
      accessString: TOKEN_USER_ACCESS_STRING,
      authenticationMode: { type: "password", passwords: ["[secret]"] },
    });
    expect(f.one("aws:elasticache/userGroup:UserGroup", "signals-users").inputs.userIds).toEqual([
      ids.tokenDefault,
      ids.app,
    ]);
    expect(JSON.stringify(step1)).not.toContain(TOKEN);
  });

  it("attaches the group and deletes the token in one modify, and leaves the parameter group for step 2", () => {
    const redis = facts(step1).one(REDIS, "signals-redis");
    expect(redis.inputs).toMatchObject({ authTokenUpdateStrategy: "DELETE", userGroupIds: [ids.group] });
    expect(redis.options.ignoreChanges).toEqual(["parameterGroupName"]);
  });

  it("moves the processing function to IAM tokens only after the cache is modified", () => {
    const fn = facts(step1).one("aws:lambda/function:Function", "processing-fn");
    expect(fn.options.dependsOn).toContain("signals");
    expect((fn.inputs.environment as { variables: Record<string, string> }).variables).toMatchObject({
      REDIS_AUTH: "iam",
      REDIS_USER: ids.app,
    });
  });

  it("says in deploy's output that the stack is at step 1 and how to take step 2", () => {
    expect(step1.outputs.redis_auth_mode).toBe("iam+token");
    const text = redisAuthMigrationLines(step1.outputs, "prod").join("\n");
    expect(text).toContain("step 1 of 2");
    expect(text).toContain("pulumi config rm bavest-signals:redisAuthToken --stack prod");
    expect(text).toContain("bavest-signals deploy --stack prod");
    const rendered = renderDeploy({
      stack: "prod",
      status: "deployed",
      plan: collectChangePlan([]),
      costEstimate: estimateMonthlyCost(defaultStackConfig()),
      outputs: { redis_auth_mode: "iam+token" },
      next: [],
    });
    expect(rendered).toContain("Redis authentication: step 1 of 2 done");
  });
});

describe("step 2: the password user goes, nothing else a client uses changes (item P2, P3)", () => {
  it("changes only the user group, the replication group's options and strategy, and deletes the token user", () => {
    expect(changedBetween(step1, step2)).toEqual({
      added: [],
      removed: [`${USER}::signals-token-user`],
      changed: [`aws:elasticache/userGroup:UserGroup::signals-users`, `${REDIS}::signals-redis`],
    });
    const f = facts(step2);
    expect(f.one("aws:elasticache/userGroup:UserGroup", "signals-users").inputs.userIds).toEqual([
      ids.disabledDefault,
      ids.app,
    ]);
  });

  it("keeps the DELETE strategy the cache already has: no later deploy sends an empty AuthToken", () => {
    const redis = facts(step2).one(REDIS, "signals-redis");
    expect(redis.options.ignoreChanges).toEqual(
      expect.arrayContaining(["authTokenUpdateStrategy", "authToken"]),
    );
    // What remains to change in the cache itself is the parameter group, now in a modify of its own.
    expect(redis.options.ignoreChanges).not.toContain("parameterGroupName");
    expect(redisAuthMigrationLines(step2.outputs, "prod")).toEqual([]);
    expect(step2.outputs.redis_auth_mode).toBe("iam");
  });
});
