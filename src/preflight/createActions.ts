/**
 * The IAM actions the AWS provider calls to create each resource type the program declares, and
 * the ARN pattern they act on. Preflight simulates the deploying principal over these for the
 * types `synth` lists, so a new resource type in the program without a row here fails the check
 * (and its test) instead of drifting. Actions are those of each API's "create" call and the
 * calls made to finish a create (tags, attributes), from the Service Authorization Reference:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export interface CreateGrant {
  actions: readonly string[];
  /** The resource ARN the actions are simulated on; `{region}` and `{account}` are filled in. */
  resource: string;
}

const R = "{region}";
const A = "{account}";
const role = { actions: ["iam:PassRole"], resource: `arn:aws:iam::${A}:role/*` };
const ec2 = (kind: string, actions: string[]): CreateGrant[] => [
  { actions: [...actions, "ec2:CreateTags"], resource: `arn:aws:ec2:${R}:${A}:${kind}/*` },
];
const cache = (kind: string, action: string): CreateGrant[] => [
  { actions: [action, "elasticache:AddTagsToResource"], resource: `arn:aws:elasticache:${R}:${A}:${kind}:*` },
];
const bucket = (action: string): CreateGrant[] => [{ actions: [action], resource: "arn:aws:s3:::*" }];

export const CREATE_ACTIONS: Readonly<Record<string, readonly CreateGrant[]>> = {
  "aws:cloudwatch/dashboard:Dashboard": [
    { actions: ["cloudwatch:PutDashboard"], resource: `arn:aws:cloudwatch::${A}:dashboard/*` },
  ],
  "aws:cloudwatch/eventRule:EventRule": [
    { actions: ["events:PutRule", "events:TagResource"], resource: `arn:aws:events:${R}:${A}:rule/*` },
  ],
  "aws:cloudwatch/eventTarget:EventTarget": [
    { actions: ["events:PutTargets"], resource: `arn:aws:events:${R}:${A}:rule/*` },
  ],
  "aws:cloudwatch/logGroup:LogGroup": [
    {
      actions: ["logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:TagResource"],
      resource: `arn:aws:logs:${R}:${A}:log-group:*`,
    },
  ],
  "aws:cloudwatch/metricAlarm:MetricAlarm": [
    {
      actions: ["cloudwatch:PutMetricAlarm", "cloudwatch:TagResource"],
      resource: `arn:aws:cloudwatch:${R}:${A}:alarm:*`,
    },
  ],
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ec2("security-group", [
    "ec2:RevokeSecurityGroupIngress",
    "ec2:RevokeSecurityGroupEgress",
  ]),
  "aws:ec2/eip:Eip": ec2("elastic-ip", ["ec2:AllocateAddress"]),
  "aws:ec2/instance:Instance": [...ec2("instance", ["ec2:RunInstances"]), role],
  "aws:ec2/internetGateway:InternetGateway": ec2("internet-gateway", [
    "ec2:CreateInternetGateway",
    "ec2:AttachInternetGateway",
  ]),
  "aws:ec2/route:Route": ec2("route-table", ["ec2:CreateRoute"]),
  "aws:ec2/routeTable:RouteTable": ec2("route-table", ["ec2:CreateRouteTable"]),
  "aws:ec2/routeTableAssociation:RouteTableAssociation": ec2("route-table", ["ec2:AssociateRouteTable"]),
  "aws:ec2/securityGroup:SecurityGroup": ec2("security-group", [
    "ec2:CreateSecurityGroup",
    "ec2:RevokeSecurityGroupEgress",
  ]),
  "aws:ec2/subnet:Subnet": ec2("subnet", ["ec2:CreateSubnet", "ec2:ModifySubnetAttribute"]),
  "aws:ec2/vpc:Vpc": ec2("vpc", ["ec2:CreateVpc", "ec2:ModifyVpcAttribute"]),
  "aws:elasticache/parameterGroup:ParameterGroup": [
    ...cache("parametergroup", "elasticache:CreateCacheParameterGroup"),
    {
      actions: ["elasticache:ModifyCacheParameterGroup"],
      resource: `arn:aws:elasticache:${R}:${A}:parametergroup:*`,
    },
  ],
  "aws:elasticache/replicationGroup:ReplicationGroup": cache(
    "replicationgroup",
    "elasticache:CreateReplicationGroup",
  ),
  "aws:elasticache/subnetGroup:SubnetGroup": cache("subnetgroup", "elasticache:CreateCacheSubnetGroup"),
  "aws:elasticache/user:User": cache("user", "elasticache:CreateUser"),
  "aws:elasticache/userGroup:UserGroup": cache("usergroup", "elasticache:CreateUserGroup"),
  "aws:iam/instanceProfile:InstanceProfile": [
    {
      actions: ["iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:TagInstanceProfile"],
      resource: `arn:aws:iam::${A}:instance-profile/*`,
    },
  ],
  "aws:iam/role:Role": [{ actions: ["iam:CreateRole", "iam:TagRole"], resource: `arn:aws:iam::${A}:role/*` }],
  "aws:iam/rolePolicy:RolePolicy": [{ actions: ["iam:PutRolePolicy"], resource: `arn:aws:iam::${A}:role/*` }],
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": [
    { actions: ["iam:AttachRolePolicy"], resource: `arn:aws:iam::${A}:role/*` },
  ],
  "aws:kinesis/stream:Stream": [
    {
      actions: [
        "kinesis:CreateStream",
        "kinesis:StartStreamEncryption",
        "kinesis:AddTagsToStream",
        "kinesis:IncreaseStreamRetentionPeriod",
      ],
      resource: `arn:aws:kinesis:${R}:${A}:stream/*`,
    },
  ],
  // CreateKey acts on no existing resource: the Service Authorization Reference lists it on "*".
  "aws:kms/key:Key": [{ actions: ["kms:CreateKey", "kms:TagResource", "kms:PutKeyPolicy"], resource: "*" }],
  "aws:lambda/eventSourceMapping:EventSourceMapping": [
    { actions: ["lambda:CreateEventSourceMapping"], resource: "*" },
  ],
  "aws:lambda/function:Function": [
    {
      actions: ["lambda:CreateFunction", "lambda:TagResource"],
      resource: `arn:aws:lambda:${R}:${A}:function:*`,
    },
    role,
  ],
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": [
    { actions: ["lambda:PutFunctionEventInvokeConfig"], resource: `arn:aws:lambda:${R}:${A}:function:*` },
  ],
  "aws:lambda/permission:Permission": [
    { actions: ["lambda:AddPermission"], resource: `arn:aws:lambda:${R}:${A}:function:*` },
  ],
  "aws:s3/bucket:Bucket": bucket("s3:CreateBucket").concat(bucket("s3:PutBucketTagging")),
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": bucket("s3:PutLifecycleConfiguration"),
  "aws:s3/bucketPolicy:BucketPolicy": bucket("s3:PutBucketPolicy"),
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": bucket("s3:PutBucketPublicAccessBlock"),
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": bucket(
    "s3:PutEncryptionConfiguration",
  ),
  "aws:s3/bucketVersioning:BucketVersioning": bucket("s3:PutBucketVersioning"),
  "aws:secretsmanager/secret:Secret": [
    {
      actions: ["secretsmanager:CreateSecret", "secretsmanager:TagResource"],
      resource: `arn:aws:secretsmanager:${R}:${A}:secret:*`,
    },
  ],
  "aws:secretsmanager/secretVersion:SecretVersion": [
    { actions: ["secretsmanager:PutSecretValue"], resource: `arn:aws:secretsmanager:${R}:${A}:secret:*` },
  ],
  "aws:sns/topic:Topic": [
    { actions: ["sns:CreateTopic", "sns:TagResource"], resource: `arn:aws:sns:${R}:${A}:*` },
  ],
  "aws:sns/topicPolicy:TopicPolicy": [
    { actions: ["sns:SetTopicAttributes"], resource: `arn:aws:sns:${R}:${A}:*` },
  ],
  "aws:sns/topicSubscription:TopicSubscription": [
    { actions: ["sns:Subscribe"], resource: `arn:aws:sns:${R}:${A}:*` },
  ],
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ec2("security-group", [
    "ec2:AuthorizeSecurityGroupEgress",
  ]),
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ec2("security-group", [
    "ec2:AuthorizeSecurityGroupIngress",
  ]),
};

/** The program's own component types: they create nothing in AWS themselves. */
export function isComponentType(type: string): boolean {
  return !type.startsWith("aws:");
}

/**
 * The grants the program's resource types need, merged by resource ARN, and the AWS types the
 * table does not know (a program change that needs a new row).
 */
export function grantsFor(
  types: Iterable<string>,
  where: { region: string; account: string },
): { grants: CreateGrant[]; unknownTypes: string[] } {
  const byResource = new Map<string, Set<string>>();
  const unknownTypes: string[] = [];
  for (const type of new Set(types)) {
    if (isComponentType(type)) continue;
    const rows = CREATE_ACTIONS[type];
    if (!rows) {
      unknownTypes.push(type);
      continue;
    }
    for (const row of rows) {
      const resource = row.resource.replaceAll(R, where.region).replaceAll(A, where.account);
      const actions = byResource.get(resource) ?? new Set<string>();
      for (const action of row.actions) actions.add(action);
      byResource.set(resource, actions);
    }
  }
  const grants = [...byResource].map(([resource, actions]) => ({ resource, actions: [...actions].sort() }));
  return {
    grants: grants.sort((a, b) => a.resource.localeCompare(b.resource)),
    unknownTypes: unknownTypes.sort(),
  };
}
