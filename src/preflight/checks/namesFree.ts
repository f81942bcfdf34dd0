import { DescribeUserGroupsCommand, DescribeUsersCommand } from "@aws-sdk/client-elasticache";
import { DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { isFault } from "../awsErrors.js";
import { resourcesOfType } from "../programNeeds.js";
import type { PreflightCheck, PreflightContext } from "../types.js";

type Lookup = (context: PreflightContext, name: string) => Promise<boolean>;

/** Each name the program gives a resource, how to ask whether it is taken, the input it is in. */
const NAMED: { type: string; input: string; what: string; exists: Lookup }[] = [
  {
    type: "aws:elasticache/user:User",
    input: "userId",
    what: "ElastiCache user",
    exists: async (context, name) =>
      found(
        () => context.aws.elasticache.send(new DescribeUsersCommand({ UserId: name })),
        "UserNotFoundFault",
      ),
  },
  {
    type: "aws:elasticache/userGroup:UserGroup",
    input: "userGroupId",
    what: "ElastiCache user group",
    exists: async (context, name) =>
      found(
        () => context.aws.elasticache.send(new DescribeUserGroupsCommand({ UserGroupId: name })),
        "UserGroupNotFoundFault",
      ),
  },
  {
    type: "aws:kinesis/stream:Stream",
    input: "name",
    what: "Kinesis stream",
    exists: async (context, name) =>
      found(
        () => context.aws.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name })),
        "ResourceNotFoundException",
      ),
  },
];

async function found(ask: () => Promise<unknown>, notFound: string): Promise<boolean> {
  try {
    await ask();
    return true;
  } catch (error) {
    if (isFault(error, notFound)) return false;
    throw error;
  }
}

/** The stack's state names a stream by its ARN: its last segment is the name. */
function ownedBy(context: PreflightContext, type: string, name: string): boolean {
  const owned = context.owned.get(type) ?? new Set<string>();
  return owned.has(name) || [...owned].some((id) => id.endsWith(`/${name}`));
}

/**
 * Names that are unique per account and region must be free, unless this stack holds them: the
 * ElastiCache user and user-group ids and the stream name, taken from the synthesized program's
 * inputs (where the program's own id builder put them). A resource the program leaves unnamed is
 * auto-named by the engine with a random suffix (https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming):
 * nothing to collide with. The bucket is one of those (S3 names are global; the engine retries
 * another suffix).
 */
export const namesFreeCheck: PreflightCheck = {
  id: "names-free",
  actions: ["elasticache:DescribeUsers", "elasticache:DescribeUserGroups", "kinesis:DescribeStreamSummary"],
  doc: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeUsers.html",
  async run(context) {
    const taken: string[] = [];
    const free: string[] = [];
    const autoNamed: string[] = [];
    for (const named of NAMED) {
      for (const resource of resourcesOfType(context.resources, named.type)) {
        const name = resource.inputs[named.input];
        if (typeof name !== "string" || name === "") {
          autoNamed.push(`${named.what} ${resource.name}`);
          continue;
        }
        if (ownedBy(context, named.type, name)) free.push(`${name} (this stack's)`);
        else if (await named.exists(context, name)) taken.push(`${named.what} "${name}"`);
        else free.push(name);
      }
    }
    for (const bucket of resourcesOfType(context.resources, "aws:s3/bucket:Bucket")) {
      // S3 names are global: a fixed one would need s3:HeadBucket, which no program of today needs.
      if (typeof bucket.inputs.bucket !== "string") autoNamed.push(`bucket ${bucket.name}`);
      else free.push(`${bucket.inputs.bucket} (bucket, not asked)`);
    }
    const named = `free: ${free.join(", ") || "none"}; auto-named with a random suffix: ${autoNamed.join(", ") || "none"}`;
    if (taken.length === 0) return { ok: true, detail: named };
    return {
      ok: false,
      detail: `already taken in ${context.config.region} by something that is not stack "${context.stack}": ${taken.join(", ")}`,
      fix: `Another stack or project of the same name owns them: deploy under another stack name (bavest-signals configure --stack <other>), or delete the old ones (aws elasticache delete-user-group / delete-user) if nothing uses them.`,
    };
  },
};
