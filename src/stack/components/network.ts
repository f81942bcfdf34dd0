import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "./iam.js";

export interface NetworkArgs {
  /** Use this VPC and these subnets instead of creating a network. */
  existing?: { vpcId: string; privateSubnetIds: string[]; publicSubnetId: string | undefined };
  /** Create the public subnet and internet gateway the bastion needs. */
  withPublicSubnet: boolean;
  tags: Tags;
}

const VPC_CIDR = "10.40.0.0/16";
const PRIVATE_CIDRS = ["10.40.0.0/20", "10.40.16.0/20"];
const PUBLIC_CIDR = "10.40.128.0/24";

/**
 * A VPC over two availability zones: private subnets (Redis, the processing function) with no
 * route out, and a public subnet for the bastion. No NAT gateway: nothing private needs the internet.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly publicSubnetId: pulumi.Output<string> | undefined;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bavest-signals:stack:Network", name, {}, opts);
    if (args.existing) {
      this.vpcId = pulumi.output(args.existing.vpcId);
      this.privateSubnetIds = pulumi.output(args.existing.privateSubnetIds);
      const publicSubnetId = args.existing.publicSubnetId;
      this.publicSubnetId = publicSubnetId === undefined ? undefined : pulumi.output(publicSubnetId);
    } else {
      const created = this.createNetwork(name, args);
      this.vpcId = created.vpc.id;
      this.privateSubnetIds = pulumi.all(created.privateSubnets.map((subnet) => subnet.id));
      this.publicSubnetId = created.publicSubnet?.id;
    }
    this.registerOutputs({
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      publicSubnetId: this.publicSubnetId,
    });
  }

  private createNetwork(name: string, args: NetworkArgs) {
    const parent = { parent: this };
    // Availability Zones only: Local and Wavelength Zones are opted-in/not-opted-in, never
    // opt-in-not-required (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html).
    const zones = aws.getAvailabilityZonesOutput(
      { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
      parent,
    );
    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: VPC_CIDR,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        tags: { ...args.tags, Name: `${name}-vpc` },
      },
      parent,
    );
    // The default security group admits traffic from itself; leave it with no rules at all.
    new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, tags: args.tags }, parent);
    const privateTable = new aws.ec2.RouteTable(
      `${name}-private-rt`,
      { vpcId: vpc.id, tags: args.tags },
      parent,
    );
    const privateSubnets = PRIVATE_CIDRS.map((cidrBlock, index) => {
      const subnet = new aws.ec2.Subnet(
        `${name}-private-${index + 1}`,
        {
          vpcId: vpc.id,
          cidrBlock,
          availabilityZone: zones.names.apply((names) => zoneAt(names, index)),
          tags: { ...args.tags, Name: `${name}-private-${index + 1}`, tier: "private" },
        },
        parent,
      );
      new aws.ec2.RouteTableAssociation(
        `${name}-private-${index + 1}-rta`,
        {
          subnetId: subnet.id,
          routeTableId: privateTable.id,
        },
        parent,
      );
      return subnet;
    });
    const publicSubnet = args.withPublicSubnet
      ? this.createPublicSubnet(name, vpc, zones, args.tags)
      : undefined;
    return { vpc, privateSubnets, publicSubnet };
  }

  private createPublicSubnet(
    name: string,
    vpc: aws.ec2.Vpc,
    zones: pulumi.Output<aws.GetAvailabilityZonesResult>,
    tags: Tags,
  ) {
    const parent = { parent: this };
    const gateway = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags }, parent);
    const table = new aws.ec2.RouteTable(`${name}-public-rt`, { vpcId: vpc.id, tags }, parent);
    new aws.ec2.Route(
      `${name}-public-default-route`,
      {
        routeTableId: table.id,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: gateway.id,
      },
      parent,
    );
    const subnet = new aws.ec2.Subnet(
      `${name}-public-1`,
      {
        vpcId: vpc.id,
        cidrBlock: PUBLIC_CIDR,
        availabilityZone: zones.names.apply((names) => zoneAt(names, 0)),
        mapPublicIpOnLaunch: false,
        tags: { ...tags, Name: `${name}-public-1`, tier: "public" },
      },
      parent,
    );
    new aws.ec2.RouteTableAssociation(
      `${name}-public-1-rta`,
      { subnetId: subnet.id, routeTableId: table.id },
      parent,
    );
    return subnet;
  }
}

function zoneAt(names: string[], index: number): string {
  const zone = names[index % names.length];
  if (zone === undefined) throw new Error("The region reported no available availability zone.");
  return zone;
}
