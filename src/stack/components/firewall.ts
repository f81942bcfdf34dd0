import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "./iam.js";

export interface FirewallArgs {
  vpcId: pulumi.Input<string>;
  withBastion: boolean;
  tags: Tags;
}

export const REDIS_PORT = 6379;
const HTTPS_PORT = 443;

/**
 * The security groups and every rule between them. Redis admits 6379 only from the processing
 * function's and the bastion's groups; nothing admits traffic from an address range. Rules are
 * separate resources so the groups can refer to each other without a cycle.
 */
export class Firewall extends pulumi.ComponentResource {
  readonly cacheSecurityGroupId: pulumi.Output<string>;
  readonly processingSecurityGroupId: pulumi.Output<string>;
  readonly bastionSecurityGroupId: pulumi.Output<string> | undefined;

  constructor(name: string, args: FirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bavest-signals:stack:Firewall", name, {}, opts);
    const group = (suffix: string, description: string) =>
      new aws.ec2.SecurityGroup(
        `${name}-${suffix}`,
        {
          vpcId: args.vpcId,
          description,
          tags: { ...args.tags, Name: `${name}-${suffix}` },
        },
        { parent: this },
      );
    const cache = group("cache-sg", "Redis: 6379 from the processing function and the bastion only");
    const processing = group("processing-sg", "Processing function: out to Redis only");
    this.cacheSecurityGroupId = cache.id;
    this.processingSecurityGroupId = processing.id;
    this.allowRedis(`${name}-processing`, processing.id, cache.id, args.tags);
    if (args.withBastion) {
      const bastion = group(
        "bastion-sg",
        "Bastion: no inbound; out to Redis and to HTTPS for Session Manager",
      );
      this.bastionSecurityGroupId = bastion.id;
      this.allowRedis(`${name}-bastion`, bastion.id, cache.id, args.tags);
      // Session Manager needs outbound HTTPS to the SSM endpoints; the subnet has no VPC endpoints.
      new aws.vpc.SecurityGroupEgressRule(
        `${name}-bastion-to-ssm`,
        {
          securityGroupId: bastion.id,
          ipProtocol: "tcp",
          fromPort: HTTPS_PORT,
          toPort: HTTPS_PORT,
          cidrIpv4: "0.0.0.0/0",
          description: "HTTPS to AWS Systems Manager",
          tags: args.tags,
        },
        { parent: this },
      );
    }
    this.registerOutputs({
      cacheSecurityGroupId: this.cacheSecurityGroupId,
      processingSecurityGroupId: this.processingSecurityGroupId,
      bastionSecurityGroupId: this.bastionSecurityGroupId,
    });
  }

  /** The pair of rules that lets `client` open connections to Redis. */
  private allowRedis(
    prefix: string,
    clientGroupId: pulumi.Output<string>,
    cacheGroupId: pulumi.Output<string>,
    tags: Tags,
  ) {
    const port = { ipProtocol: "tcp", fromPort: REDIS_PORT, toPort: REDIS_PORT, tags };
    new aws.vpc.SecurityGroupIngressRule(
      `${prefix}-into-cache`,
      {
        ...port,
        securityGroupId: cacheGroupId,
        referencedSecurityGroupId: clientGroupId,
        description: "Redis from a client group",
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${prefix}-to-cache`,
      {
        ...port,
        securityGroupId: clientGroupId,
        referencedSecurityGroupId: cacheGroupId,
        description: "Redis",
      },
      { parent: this },
    );
  }
}
