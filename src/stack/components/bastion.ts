import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assumeRolePolicy, type Tags } from "./iam.js";

export interface BastionArgs {
  subnetId: pulumi.Input<string>;
  securityGroupId: pulumi.Input<string>;
  /** The stack's region: the idle alarm's stop action names it. */
  region: string;
  tags: Tags;
}

/** The public SSM parameter naming the newest Amazon Linux 2023 arm64 image. */
export const BASTION_AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

/**
 * When the bastion counts as unused: fewer packets in than this in each 5-minute period for an
 * hour. EC2's basic monitoring sends 5-minute points. The SSM agent's own polling stays below it
 * and a tunnel in use goes above it; both are facts of a real instance (README, "The bastion
 * when nobody uses it", says how to check them on AWS).
 */
export const BASTION_IDLE = {
  metricName: "NetworkPacketsIn",
  periodSeconds: 300,
  periods: 12,
  packetsPerPeriod: 2000,
} as const;

/** The CloudWatch alarm action that stops the alarm's instance (UsingAlarmActions). */
export function ec2StopAction(region: string): string {
  return `arn:aws:automate:${region}:ec2:stop`;
}

/**
 * A tiny instance for Session Manager port forwarding to Redis. No inbound rule and no SSH key:
 * sessions arrive through the SSM agent's outbound connection. IMDSv2 only, encrypted disk.
 * It stops itself after an hour without use; the CLI starts it again when it needs it.
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
      { role: role.name, policyArn: aws.iam.ManagedPolicy.AmazonSSMManagedInstanceCore },
      parent,
    );
    const profile = new aws.iam.InstanceProfile(
      `${name}-profile`,
      { role: role.name, tags: args.tags },
      parent,
    );
    // The image id is read here, not left to EC2 as `resolve:ssm:...`: with a root block device
    // the provider looks the AMI up first (DescribeImages) and fails on that form with
    // InvalidAMIID.Malformed (https://github.com/hashicorp/terraform-provider-aws/issues/43488).
    const image = aws.ssm.getParameterOutput({ name: BASTION_AMI_PARAMETER }, parent);
    const instance = new aws.ec2.Instance(
      `${name}-instance`,
      {
        ami: image.value,
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
      // The agent registers only with its SSM permissions in place. A newer AL2023 image, which
      // the parameter names on the next deploy, must not replace a running bastion.
      { parent: this, dependsOn: [ssmCore], ignoreChanges: ["ami"] },
    );
    this.createIdleStop(name, instance, args);
    this.instanceId = instance.id;
    this.registerOutputs({ instanceId: this.instanceId });
  }

  /**
   * Stops the instance after an hour of low traffic: a CloudWatch alarm with the EC2 stop action
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/UsingAlarmActions.html). A
   * stopped instance sends no data, which counts as not breaching, so the alarm turns OK again
   * and fires anew only after the next hour of idling.
   */
  private createIdleStop(name: string, instance: aws.ec2.Instance, args: BastionArgs): void {
    new aws.cloudwatch.MetricAlarm(
      `${name}-idle-stop`,
      {
        alarmDescription:
          "The bastion had no tunnel traffic for an hour: stop it (the CLI starts it on demand)",
        namespace: "AWS/EC2",
        metricName: BASTION_IDLE.metricName,
        dimensions: { InstanceId: instance.id },
        statistic: "Sum",
        period: BASTION_IDLE.periodSeconds,
        evaluationPeriods: BASTION_IDLE.periods,
        datapointsToAlarm: BASTION_IDLE.periods,
        comparisonOperator: "LessThanThreshold",
        threshold: BASTION_IDLE.packetsPerPeriod,
        treatMissingData: "notBreaching",
        alarmActions: [ec2StopAction(args.region)],
        tags: args.tags,
      },
      { parent: this },
    );
  }
}
