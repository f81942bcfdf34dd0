import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assumeRolePolicy, type Tags } from "./iam.js";

export interface BastionArgs {
  subnetId: pulumi.Input<string>;
  securityGroupId: pulumi.Input<string>;
  tags: Tags;
}

/** The public SSM parameter naming the newest Amazon Linux 2023 arm64 image. */
export const BASTION_AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

/**
 * A tiny instance for Session Manager port forwarding to Redis. No inbound rule and no SSH key:
 * sessions arrive through the SSM agent's outbound connection. IMDSv2 only, encrypted disk.
 */
export class Bastion extends pulumi.ComponentResource {
  readonly instanceId: pulumi.Output<string>;

  constructor(name: string, args: BastionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bavest-signals:stack:Bastion", name, {}, opts);
    const parent = { parent: this };
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"),
        description: "Bastion: Session Manager only",
        tags: args.tags,
      },
      parent,
    );
    const ssmCore = new aws.iam.RolePolicyAttachment(
      `${name}-ssm-core`,
      {
        role: role.name,
        policyArn: aws.iam.ManagedPolicy.AmazonSSMManagedInstanceCore,
      },
      parent,
    );
    const profile = new aws.iam.InstanceProfile(
      `${name}-profile`,
      { role: role.name, tags: args.tags },
      parent,
    );
    const instance = new aws.ec2.Instance(
      `${name}-instance`,
      {
        // EC2 resolves the parameter at launch (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/finding-an-ami.html#using-systems-manager-parameter-to-find-AMI);
        // the program never reads it, so a new AL2023 image changes nothing here.
        ami: `resolve:ssm:${BASTION_AMI_PARAMETER}`,
        instanceType: "t4g.nano",
        subnetId: args.subnetId,
        vpcSecurityGroupIds: [args.securityGroupId],
        // Needed to reach the SSM endpoints through the internet gateway; no port is open.
        associatePublicIpAddress: true,
        iamInstanceProfile: profile.name,
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        rootBlockDevice: { encrypted: true, volumeType: "gp3" },
        tags: { ...args.tags, Name: `${name}-bastion` },
      },
      // The agent registers only with its SSM permissions in place; the provider reads back the
      // resolved AMI id, which must not count as a change either.
      { parent: this, dependsOn: [ssmCore], ignoreChanges: ["ami"] },
    );
    this.instanceId = instance.id;
    this.registerOutputs({ instanceId: this.instanceId });
  }
}
