import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { REDIS_SERVER_SETTINGS } from "../../core/redisTuning.js";
import {
  appUserAccessString,
  CACHE_ENGINE,
  CACHE_ENGINE_VERSION,
  CACHE_PARAMETER_FAMILY,
  cacheUserIds,
} from "../cacheSettings.js";
import { REDIS_PORT } from "./firewall.js";
import type { Tags } from "./iam.js";

export interface CacheArgs {
  nodeType: string;
  nodeCount: number;
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  securityGroupId: pulumi.Input<string>;
  /**
   * The stack was deployed with an AUTH token before: delete it as the user group takes over
   * (AuthTokenUpdateStrategy DELETE, https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-to-iam-migration.html).
   */
  removeAuthToken: boolean;
  /** The Redis key prefix: the only keys the IAM-enabled user may touch. */
  keyPrefix: string;
  tags: Tags;
}

/**
 * Redis 7 on ElastiCache: TLS required, encrypted at rest, private subnets only, and no shared
 * secret: clients authenticate as an IAM-enabled user with a short-lived SigV4 token
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html). More than one node
 * adds replicas with automatic failover across zones.
 */
export class Cache extends pulumi.ComponentResource {
  readonly primaryEndpoint: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly replicationGroupId: pulumi.Output<string>;
  readonly replicationGroupArn: pulumi.Output<string>;
  /** The IAM-enabled user: its id is also its name, which is what a token is signed for. */
  readonly userId: pulumi.Output<string>;
  readonly userArn: pulumi.Output<string>;

  constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bavest-signals:stack:Cache", name, {}, opts);
    const parent = { parent: this };
    const ids = cacheUserIds(pulumi.getStack());
    const subnetGroup = new aws.elasticache.SubnetGroup(
      `${name}-subnets`,
      { description: "Private subnets of the signals cache", subnetIds: args.subnetIds, tags: args.tags },
      parent,
    );
    // A user group must contain a user named "default" (UserGroup UserIds); this one can do nothing.
    const disabledDefault = new aws.elasticache.User(
      `${name}-default-user`,
      {
        userId: ids.disabledDefault,
        userName: "default",
        engine: "redis",
        accessString: "off -@all",
        authenticationMode: { type: "no-password-required" },
        tags: args.tags,
      },
      parent,
    );
    const app = new aws.elasticache.User(
      `${name}-iam-user`,
      {
        userId: ids.app,
        userName: ids.app,
        engine: "redis",
        accessString: appUserAccessString(args.keyPrefix),
        authenticationMode: { type: "iam" },
        tags: args.tags,
      },
      parent,
    );
    const users = new aws.elasticache.UserGroup(
      `${name}-users`,
      {
        userGroupId: ids.group,
        engine: "redis",
        userIds: [disabledDefault.userId, app.userId],
        tags: args.tags,
      },
      parent,
    );
    // The same server settings dev's redis-server runs with (src/core/redisTuning.ts): a default
    // group cannot be changed, so the cache gets its own, derived from the engine's family.
    const parameters = new aws.elasticache.ParameterGroup(
      `${name}-parameters`,
      {
        family: CACHE_PARAMETER_FAMILY,
        description: "Signals cache: history sorted sets kept compact",
        parameters: Object.entries(REDIS_SERVER_SETTINGS).map(([paramName, value]) => ({
          name: paramName,
          value,
        })),
        tags: args.tags,
      },
      parent,
    );
    const replicated = args.nodeCount > 1;
    const group = new aws.elasticache.ReplicationGroup(
      `${name}-redis`,
      {
        description: "P/E signals: latest values and history",
        engine: CACHE_ENGINE,
        engineVersion: CACHE_ENGINE_VERSION,
        parameterGroupName: parameters.name,
        nodeType: args.nodeType,
        numCacheClusters: args.nodeCount,
        automaticFailoverEnabled: replicated,
        multiAzEnabled: replicated,
        port: REDIS_PORT,
        subnetGroupName: subnetGroup.name,
        securityGroupIds: [args.securityGroupId],
        // IAM authentication requires in-transit encryption.
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        atRestEncryptionEnabled: true,
        userGroupIds: [users.userGroupId],
        ...(args.removeAuthToken ? { authTokenUpdateStrategy: "DELETE" } : {}),
        snapshotRetentionLimit: 1,
        applyImmediately: true,
        tags: args.tags,
      },
      parent,
    );
    this.primaryEndpoint = group.primaryEndpointAddress;
    this.port = group.port.apply((port) => port ?? REDIS_PORT);
    this.replicationGroupId = group.id;
    this.replicationGroupArn = group.arn;
    this.userId = app.userId;
    this.userArn = app.arn;
    this.registerOutputs({ primaryEndpoint: this.primaryEndpoint, port: this.port, userId: this.userId });
  }
}
