import { createHash } from "node:crypto";

/**
 * Names a stack gives to AWS resources that are unique per account and region (ElastiCache users
 * and user groups, CloudWatch alarms), without loading the Pulumi SDK: the program, the readers
 * and the pre-deploy checks build them with these functions and nothing else.
 *
 * A slug of the stack name alone is not unique: `dev-1` and `dev_1` give the same slug, and a
 * stack of the same name in another project gives the same name. A short hash of the project and
 * the exact stack name tells them apart and stays the same on every run.
 */

/** Longest user id this program makes (ElastiCache's own maximum is larger). */
const MAX_USER_ID = 40;
/** Hex characters of the hash: 16.7 million values, enough for one account's stacks. */
const HASH_LENGTH = 6;

/** The stack's own short hash: the same project and stack name always give the same one. */
export function stackHash(project: string, stack: string): string {
  return createHash("sha256").update(`${project}\0${stack}`).digest("hex").slice(0, HASH_LENGTH);
}

function slugOf(stack: string): string {
  return stack
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The ElastiCache user and user-group ids of a stack; see {@link cacheUserIds}. */
export interface CacheUserIds {
  /** The IAM-enabled user: its user name equals this id, which is what a token is signed for. */
  app: string;
  /** The user named `default` every user group must contain, switched off. */
  disabledDefault: string;
  /** The `default` user holding a stack's old AUTH token while it moves to IAM authentication. */
  tokenDefault: string;
  group: string;
}

/**
 * The ElastiCache user ids of a stack, valid whatever the stack is called: ids begin with a
 * letter and hold only letters, digits and single hyphens (user group ids: lower case only,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-usergroup.html),
 * and end in the stack's hash, so no two stacks of an account and region share one.
 */
export function cacheUserIds(project: string, stack: string): CacheUserIds {
  const hash = stackHash(project, stack);
  const room = MAX_USER_ID - "bavest--".length - hash.length - "-default".length;
  const slug = slugOf(stack).slice(0, room).replace(/-+$/, "");
  const base = slug === "" ? `bavest-${hash}` : `bavest-${slug}-${hash}`;
  return {
    app: base,
    disabledDefault: `${base}-default`,
    tokenDefault: `${base}-token`,
    group: `${base}-users`,
  };
}

/**
 * What every pipeline alarm's name starts with (stack output `alarm_name_prefix`, which
 * `status --stack` selects alarms by when the stack has no alarm topic).
 */
export function alarmNamePrefix(project: string, stack: string): string {
  const slug = slugOf(stack).slice(0, 64) || "stack";
  return `bavest-signals-${slug}-${stackHash(project, stack)}-`;
}
