import { describe, expect, it } from "vitest";
import { preflightActions } from "../../../src/preflight/checks/index.js";
import { policySourceArn } from "../../../src/preflight/checks/permissions.js";
import { grantsFor, isComponentType } from "../../../src/preflight/createActions.js";
import { parseStackConfig } from "../../../src/stack/config.js";
import { runSynth } from "../../../src/stack/synth/runSynth.js";

describe("the create actions of the synthesized program", () => {
  it("knows every AWS resource type the program creates, with alarms and an e-mail on", async () => {
    const config = parseStackConfig({
      "bavest-signals:alarmsEnabled": "true",
      "bavest-signals:alarmEmail": "ops@example.com",
    });
    const { resources } = await runSynth({ config, stack: "dev", bundleDir: "/tmp/bundles" });
    const types = resources.map((resource) => resource.type);

    const { grants, unknownTypes } = grantsFor(types, { region: "eu-central-1", account: "123456789012" });

    expect(unknownTypes).toEqual([]);
    expect(types.filter((type) => !isComponentType(type)).length).toBeGreaterThan(40);
    const vpc = grants.find((grant) => grant.resource === "arn:aws:ec2:eu-central-1:123456789012:vpc/*");
    expect(vpc?.actions).toEqual(["ec2:CreateTags", "ec2:CreateVpc", "ec2:ModifyVpcAttribute"]);
    expect(grants.find((grant) => grant.resource === "arn:aws:iam::123456789012:role/*")?.actions).toContain(
      "iam:PassRole",
    );
  });

  it("names a type it has no row for, so that a new resource cannot slip past", () => {
    const { unknownTypes } = grantsFor(["aws:rds/instance:Instance", "bavest-signals:stack:Cache"], {
      region: "eu-central-1",
      account: "1",
    });

    expect(unknownTypes).toEqual(["aws:rds/instance:Instance"]);
  });

  it("simulates an assumed role's role, and a user as itself", () => {
    expect(policySourceArn("arn:aws:sts::123456789012:assumed-role/Deployer/ci-run-7")).toBe(
      "arn:aws:iam::123456789012:role/Deployer",
    );
    expect(policySourceArn("arn:aws:iam::123456789012:user/alice")).toBe(
      "arn:aws:iam::123456789012:user/alice",
    );
  });

  it("lists every IAM action preflight calls, for the README's policy", () => {
    expect(preflightActions()).toContain("iam:SimulatePrincipalPolicy");
    expect(preflightActions()).toContain("servicequotas:GetServiceQuota");
    expect(preflightActions().every((action) => /^[a-z0-9-]+:[A-Za-z]+$/.test(action))).toBe(true);
  });
});
