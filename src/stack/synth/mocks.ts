import type * as pulumi from "@pulumi/pulumi";

/** One resource the program declared, with the inputs it passed (secrets still wrapped). */
export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** One provider function the program called (a data source), with its arguments. */
export interface RecordedCall {
  token: string;
  inputs: Record<string, unknown>;
}

export const MOCK_ACCOUNT_ID = "123456789012";
export const MOCK_AMI_ID = "ami-0a1b2c3d4e5f67890";

type State = Record<string, unknown>;

/** Realistic outputs AWS would compute, by resource type, so dependent inputs look real. */
function computedState(type: string, name: string, inputs: State, region: string): State {
  const arn = (service: string, resource: string) =>
    `arn:aws:${service}:${region}:${MOCK_ACCOUNT_ID}:${resource}`;
  switch (type) {
    case "aws:kinesis/stream:Stream":
      return { name, arn: arn("kinesis", `stream/${name}`) };
    case "aws:elasticache/replicationGroup:ReplicationGroup":
      return {
        primaryEndpointAddress: `master.${name}.abc123.${shortRegion(region)}.cache.amazonaws.com`,
        port: inputs.port ?? 6379,
        arn: arn("elasticache", `replicationgroup:${name}`),
      };
    case "aws:elasticache/user:User":
      return { arn: arn("elasticache", `user:${String(inputs.userId)}`) };
    case "aws:elasticache/userGroup:UserGroup":
      return { arn: arn("elasticache", `usergroup:${String(inputs.userGroupId)}`) };
    case "aws:s3/bucket:Bucket":
      return { bucket: name, arn: `arn:aws:s3:::${name}` };
    case "aws:kms/key:Key":
      return { arn: arn("kms", `key/${name}`), keyId: `${name}-key-id` };
    case "aws:elasticache/subnetGroup:SubnetGroup":
    case "aws:elasticache/parameterGroup:ParameterGroup":
      return { name };
    case "aws:lambda/function:Function":
      return { name, arn: arn("lambda", `function:${name}`), invokeArn: `lambda-invoke-${name}` };
    case "aws:sqs/queue:Queue":
      return {
        name,
        arn: arn("sqs", name),
        url: `https://sqs.${region}.amazonaws.com/${MOCK_ACCOUNT_ID}/${name}`,
      };
    case "aws:secretsmanager/secret:Secret":
      return { arn: arn("secretsmanager", `secret:${name}-AbCdEf`) };
    case "aws:cloudwatch/logGroup:LogGroup": {
      const groupName = `${String(inputs.namePrefix ?? "/aws/lambda/")}${name}`;
      return { name: groupName, arn: arn("logs", `log-group:${groupName}`) };
    }
    case "aws:iam/role:Role":
      return { name, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${name}` };
    case "aws:iam/instanceProfile:InstanceProfile":
      return { name, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:instance-profile/${name}` };
    case "aws:cloudwatch/eventRule:EventRule":
      return { name, arn: arn("events", `rule/${name}`) };
    case "aws:sns/topic:Topic":
      return { name, arn: arn("sns", name) };
    default:
      return { arn: arn(type.split(/[:/]/)[1] ?? "unknown", name) };
  }
}

function shortRegion(region: string): string {
  return region.replace(/^(\w\w)-(\w)\w*-(\d)$/, "$1$2$3");
}

/** A physical id shaped like the real one, where the shape is well known. */
function mockId(type: string, name: string): string {
  const prefixes: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/securityGroup:SecurityGroup": "sg",
    "aws:ec2/instance:Instance": "i",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/routeTable:RouteTable": "rtb",
  };
  const prefix = prefixes[type];
  if (prefix === undefined) return `${name}-id`;
  const hex = [...name].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) >>> 0, 7).toString(16);
  return `${prefix}-0${hex.padStart(16, "0").slice(-16)}`;
}

/** Answers for the provider functions the program calls. */
function callResult(token: string, inputs: State, region: string): State {
  switch (token) {
    case "aws:index/getAvailabilityZones:getAvailabilityZones":
      return {
        names: ["a", "b", "c"].map((zone) => `${region}${zone}`),
        zoneIds: [1, 2, 3].map((n) => `${shortRegion(region).slice(0, 3)}-az${n}`),
        id: region,
      };
    case "aws:ssm/getParameter:getParameter":
      return {
        name: inputs.name,
        type: "String",
        value: MOCK_AMI_ID,
        version: 1,
        arn: `arn:aws:ssm:${region}::parameter${String(inputs.name)}`,
      };
    case "aws:index/getRegion:getRegion":
      return { name: region, region, id: region };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: MOCK_ACCOUNT_ID,
        arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/synth`,
        userId: "AIDASYNTH",
      };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com" };
    default:
      return inputs;
  }
}

/** Replaces archives and assets (whose paths are promises) with `{ archive: path }`. */
async function readableAssets(value: unknown): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map(readableAssets));
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record.__pulumiArchive === true || record.__pulumiAsset === true) {
    const location = (await (record.path ?? record.uri)) as string | undefined;
    return { archive: location ?? "(inline)" };
  }
  const entries = await Promise.all(
    Object.entries(record).map(async ([key, item]) => [key, await readableAssets(item)] as const),
  );
  return Object.fromEntries(entries);
}

/**
 * Mocks for `pulumi.runtime.setMocks` that record every resource the program declares and
 * answer with realistic ids, ARNs and endpoints. No AWS, no Pulumi engine.
 */
export function createRecordingMocks(region: string): {
  mocks: pulumi.runtime.Mocks;
  resources: RecordedResource[];
  calls: RecordedCall[];
} {
  const resources: RecordedResource[] = [];
  const calls: RecordedCall[] = [];
  const mocks: pulumi.runtime.Mocks = {
    async newResource(args) {
      const inputs = (args.inputs ?? {}) as State;
      resources.push({ type: args.type, name: args.name, inputs: (await readableAssets(inputs)) as State });
      if (args.custom === false) return { id: undefined, state: {} };
      return {
        id: mockId(args.type, args.name),
        state: { ...inputs, ...computedState(args.type, args.name, inputs, region) },
      };
    },
    call(args) {
      calls.push({ token: args.token, inputs: (args.inputs ?? {}) as State });
      return callResult(args.token, (args.inputs ?? {}) as State, region);
    },
  };
  return { mocks, resources, calls };
}
