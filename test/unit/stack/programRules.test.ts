import { describe, expect, it } from "vitest";
import { programFindings } from "../../../src/stack/rules/index.js";
import type { SynthResource, SynthResult } from "../../../src/stack/synth/runSynth.js";

const instance = (inputs: Record<string, unknown>): SynthResource => ({
  type: "aws:ec2/instance:Instance",
  name: "tunnel-instance",
  parent: "tunnel",
  inputs,
  options: { dependsOn: [], ignoreChanges: ["ami"] },
});
const synth = (...resources: SynthResource[]): SynthResult => ({
  stack: "s",
  resources,
  outputs: {},
  calls: [],
});
const SSM_AMI = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

describe("the rule against resolve:ssm next to a root block device (item P1)", () => {
  it("refuses the form the provider cannot create, naming the provider issue and the fix", () => {
    const findings = programFindings(synth(instance({ ami: SSM_AMI, rootBlockDevice: { encrypted: true } })));
    expect(findings).toEqual([
      expect.objectContaining({
        severity: "error",
        rule: "ec2-ami-resolve-ssm-with-root-device",
        docUrl: "https://github.com/hashicorp/terraform-provider-aws/issues/43488",
        fix: expect.stringContaining("getParameterOutput"),
      }),
    ]);
    expect(findings[0]?.message).toContain("InvalidAMIID.Malformed");
  });

  it("lets through an image id, and resolve:ssm without a root block device", () => {
    expect(programFindings(synth(instance({ ami: "ami-0a1b2c3d4e5f67890", rootBlockDevice: {} })))).toEqual(
      [],
    );
    expect(programFindings(synth(instance({ ami: SSM_AMI })))).toEqual([]);
  });
});
