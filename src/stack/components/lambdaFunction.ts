import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  assumeRolePolicy,
  logWriteStatement,
  type PolicyStatement,
  policyDocument,
  type Tags,
} from "./iam.js";

/** What every function of the stack is configured with. */
export interface LambdaFunctionArgs {
  /** The folder holding the bundled handler (index.mjs). */
  codeDir: string;
  environment: pulumi.Input<Record<string, pulumi.Input<string>>>;
  memoryMb: number;
  timeoutSeconds: number;
  architecture: "arm64" | "x86_64";
  logRetentionDays: number;
  tags: Tags;
}

/** What sets one function apart: its names, descriptions, permissions and network. */
export interface LambdaFunctionSpec {
  /** Start of its log group's name, e.g. "/aws/lambda/bavest-signals-ingestion-". */
  logGroupPrefix: string;
  roleDescription: string;
  functionDescription: string;
  /** What the role may do besides writing the function's own logs. */
  statements: PolicyStatement[];
  vpcConfig?: aws.types.input.lambda.FunctionVpcConfig;
  /** Resources the function is created or updated only after, besides its role's policy. */
  waitFor?: pulumi.Resource[];
}

/** The resources {@link createLambdaFunction} made that callers wire further. */
export interface LambdaFunctionParts {
  fn: aws.lambda.Function;
  /** Where the function's logs go (not `/aws/lambda/<function name>`: the group is our own). */
  logGroupName: pulumi.Output<string>;
  /** The role's policy: whatever invokes the function must wait for it. */
  policy: aws.iam.RolePolicy;
}

/**
 * A Node.js function with its own log group (JSON logs, limited retention) and a role that may
 * write only to that group plus what `spec.statements` allow. Its resources are children of
 * `owner` and named `${name}-logs`, `-role`, `-policy` and `-fn`.
 */
export function createLambdaFunction(
  owner: pulumi.ComponentResource,
  name: string,
  args: LambdaFunctionArgs,
  spec: LambdaFunctionSpec,
): LambdaFunctionParts {
  const parent = { parent: owner };
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-logs`,
    { namePrefix: spec.logGroupPrefix, retentionInDays: args.logRetentionDays, tags: args.tags },
    parent,
  );
  const role = new aws.iam.Role(
    `${name}-role`,
    {
      assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com"),
      description: spec.roleDescription,
      tags: args.tags,
    },
    parent,
  );
  const policy = new aws.iam.RolePolicy(
    `${name}-policy`,
    { role: role.id, policy: policyDocument([logWriteStatement(logGroup.arn), ...spec.statements]) },
    parent,
  );
  const fn = new aws.lambda.Function(
    `${name}-fn`,
    {
      description: spec.functionDescription,
      runtime: "nodejs22.x",
      handler: "index.handler",
      architectures: [args.architecture],
      code: new pulumi.asset.FileArchive(args.codeDir),
      role: role.arn,
      memorySize: args.memoryMb,
      timeout: args.timeoutSeconds,
      environment: { variables: args.environment },
      ...(spec.vpcConfig ? { vpcConfig: spec.vpcConfig } : {}),
      loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
      tags: args.tags,
    },
    { parent: owner, dependsOn: [policy, ...(spec.waitFor ?? [])] },
  );
  return { fn, policy, logGroupName: logGroup.name };
}
