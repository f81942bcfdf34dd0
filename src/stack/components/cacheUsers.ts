import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { appUserAccessString } from "../cacheSettings.js";
import { cacheUserIds } from "../stackNames.js";
import type { Tags } from "./iam.js";

/**
 * AWS's procedure for moving a cache from an AUTH token to IAM authentication without an
 * interruption (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-to-iam-migration.html):
 * first a user named `default` holding the existing token (`on ~* +@all`) next to the IAM user,
 * so clients that still send the token keep working while they move; the password user goes
 * once they have moved.
 */
export const TOKEN_USER_ACCESS_STRING = "on ~* +@all";

export interface CacheUsersArgs {
  /** The stack's old AUTH token while it moves to IAM authentication (step 1 of 2). */
  legacyAuthToken?: pulumi.Input<string>;
  keyPrefix: string;
  tags: Tags;
}

export interface CacheUsers {
  app: aws.elasticache.User;
  group: aws.elasticache.UserGroup;
}

/**
 * The IAM-enabled user, the `default` user every user group must contain (UserGroup UserIds),
 * and the group. That `default` is switched off, except while a stack moves from its AUTH
 * token: then it is a password user holding the token. The disabled one exists in both steps,
 * so the second deploy only swaps the group's members and deletes the password user.
 */
export function createCacheUsers(
  owner: pulumi.ComponentResource,
  name: string,
  args: CacheUsersArgs,
): CacheUsers {
  const parent = { parent: owner };
  const ids = cacheUserIds(pulumi.getProject(), pulumi.getStack());
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
  const defaultUser =
    args.legacyAuthToken === undefined
      ? disabledDefault
      : new aws.elasticache.User(
          `${name}-token-user`,
          {
            userId: ids.tokenDefault,
            userName: "default",
            engine: "redis",
            accessString: TOKEN_USER_ACCESS_STRING,
            authenticationMode: { type: "password", passwords: [pulumi.secret(args.legacyAuthToken)] },
            tags: args.tags,
          },
          parent,
        );
  const group = new aws.elasticache.UserGroup(
    `${name}-users`,
    { userGroupId: ids.group, engine: "redis", userIds: [defaultUser.userId, app.userId], tags: args.tags },
    parent,
  );
  return { app, group };
}
