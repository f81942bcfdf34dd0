import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { REDIS_SERVER_SETTINGS } from "../../core/redisTuning.js";
import { CACHE_ENGINE, CACHE_ENGINE_VERSION, CACHE_PARAMETER_FAMILY } from "../cacheSettings.js";
import { createCacheUsers } from "./cacheUsers.js";
import { REDIS_PORT } from "./firewall.js";
import type { Tags } from "./iam.js";

export interface CacheArgs {
  nodeType: string;
  nodeCount: number;
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  securityGroupId: pulumi.Input<string>;
  /**
   * The AUTH token of a stack deployed before IAM authentication, while its config still holds
   * it: step 1 of the move to IAM (see {@link authMigrationOptions}).
   */
  legacyAuthToken?: pulumi.Input<string>;
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
  /** `iam+token` while the old AUTH token still works (migration step 1), else `iam`. */
  readonly authMode: "iam+token" | "iam";

  constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bavest-signals:stack:Cache", name, {}, opts);
    const parent = { parent: this };
    const subnetGroup = new aws.elasticache.SubnetGroup(
      `${name}-subnets`,
      { description: "Private subnets of the signals cache", subnetIds: args.subnetIds, tags: args.tags },
      parent,
    );
    const users = createCacheUsers(this, name, {
      legacyAuthToken: args.legacyAuthToken,
      keyPrefix: args.keyPrefix,
      tags: args.tags,
    });
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
    const migrating = args.legacyAuthToken !== undefined;
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
        userGroupIds: [users.group.userGroupId],
        ...(migrating ? { authTokenUpdateStrategy: "DELETE" } : {}),
        snapshotRetentionLimit: 1,
        applyImmediately: true,
        tags: args.tags,
      },
      { parent: this, ignoreChanges: authMigrationOptions(migrating).ignoreChanges },
    );
    this.primaryEndpoint = group.primaryEndpointAddress;
    this.port = group.port.apply((port) => port ?? REDIS_PORT);
    this.replicationGroupId = group.id;
    this.replicationGroupArn = group.arn;
    this.userId = users.app.userId;
    this.userArn = users.app.arn;
    this.authMode = migrating ? "iam+token" : "iam";
    this.registerOutputs({ primaryEndpoint: this.primaryEndpoint, port: this.port, userId: this.userId });
  }
}

/**
 * What the replication group must not change in each step of the move from an AUTH token.
 * Step 1 (the token still in config) deletes the token as the user group is attached
 * (ModifyReplicationGroup AuthTokenUpdateStrategy DELETE with UserGroupIdsToAdd,
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html); AWS documents
 * nothing else in that modify, so the parameter group (which the provider would send in the
 * same call) stays as deployed until the next deploy. Afterwards the strategy is never changed
 * again: DELETE -> unset makes the provider send `AuthToken: ""` (internal/service/elasticache/
 * replication_group.go in hashicorp/terraform-provider-aws), which ElastiCache refuses.
 */
export function authMigrationOptions(migrating: boolean): { ignoreChanges: string[] } {
  return { ignoreChanges: migrating ? ["parameterGroupName"] : ["authToken", "authTokenUpdateStrategy"] };
}
