import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { REDIS_PORT } from "./firewall.js";
import type { Tags } from "./iam.js";

export interface CacheArgs {
  nodeType: string;
  nodeCount: number;
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  securityGroupId: pulumi.Input<string>;
  authToken: pulumi.Input<string>;
  tags: Tags;
}

/**
 * Redis 7 on ElastiCache: TLS required, encrypted at rest, AUTH token, private subnets only.
 * More than one node adds replicas with automatic failover across zones.
 */
export class Cache extends pulumi.ComponentResource {
  readonly primaryEndpoint: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly replicationGroupId: pulumi.Output<string>;

  constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bavest-signals:stack:Cache", name, {}, opts);
    const subnetGroup = new aws.elasticache.SubnetGroup(
      `${name}-subnets`,
      {
        description: "Private subnets of the signals cache",
        subnetIds: args.subnetIds,
        tags: args.tags,
      },
      { parent: this },
    );
    const replicated = args.nodeCount > 1;
    const group = new aws.elasticache.ReplicationGroup(
      `${name}-redis`,
      {
        description: "P/E signals: latest values and history",
        engine: "redis",
        engineVersion: "7.1",
        parameterGroupName: "default.redis7",
        nodeType: args.nodeType,
        numCacheClusters: args.nodeCount,
        automaticFailoverEnabled: replicated,
        multiAzEnabled: replicated,
        port: REDIS_PORT,
        subnetGroupName: subnetGroup.name,
        securityGroupIds: [args.securityGroupId],
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        atRestEncryptionEnabled: true,
        authToken: pulumi.secret(args.authToken),
        snapshotRetentionLimit: 1,
        applyImmediately: true,
        tags: args.tags,
      },
      { parent: this },
    );
    this.primaryEndpoint = group.primaryEndpointAddress;
    this.port = group.port.apply((port) => port ?? REDIS_PORT);
    this.replicationGroupId = group.id;
    this.registerOutputs({ primaryEndpoint: this.primaryEndpoint, port: this.port });
  }
}
