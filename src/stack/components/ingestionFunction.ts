import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assumeRolePolicy, logWriteStatement, policyDocument, type Tags } from "./iam.js";

export interface IngestionFunctionArgs {
  /** The folder holding the bundled handler (index.mjs). */
  codeDir: string;
  environment: pulumi.Input<Record<string, pulumi.Input<string>>>;
  streamArn: pulumi.Input<string>;
  apiKeySecretArn: pulumi.Input<string>;
  schedule: string;
  memoryMb: number;
  timeoutSeconds: number;
  architecture: "arm64" | "x86_64";
  logRetentionDays: number;
  tags: Tags;
}

/**
 * Fetches the watchlist's quotes on a schedule and puts them on the stream. Runs outside the
 * VPC (it needs the internet and there is no NAT). Its role may only write its own logs, put
 * records on this stream and read this one secret.
 */
export class IngestionFunction extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly functionArn: pulumi.Output<string>;

  constructor(name: string, args: IngestionFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bavest-signals:stack:IngestionFunction", name, {}, opts);
    const parent = { parent: this };
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        namePrefix: "/aws/lambda/bavest-signals-ingestion-",
        retentionInDays: args.logRetentionDays,
        tags: args.tags,
      },
      parent,
    );
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com"),
        description: "Ingestion function: own logs, PutRecords on the stream, the API key secret",
        tags: args.tags,
      },
      parent,
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.id,
        policy: policyDocument([
          logWriteStatement(logGroup.arn),
          {
            Sid: "PutQuoteRecords",
            Effect: "Allow",
            Action: ["kinesis:PutRecords"],
            Resource: [args.streamArn],
          },
          {
            Sid: "ReadApiKey",
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue"],
            Resource: [args.apiKeySecretArn],
          },
        ]),
      },
      parent,
    );
    const fn = new aws.lambda.Function(
      `${name}-fn`,
      {
        description: "Fetches Bavest quotes for the watchlist and puts them on Kinesis",
        runtime: "nodejs22.x",
        handler: "index.handler",
        architectures: [args.architecture],
        code: new pulumi.asset.FileArchive(args.codeDir),
        role: role.arn,
        memorySize: args.memoryMb,
        timeout: args.timeoutSeconds,
        environment: { variables: args.environment },
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
        tags: args.tags,
      },
      { parent: this, dependsOn: [policy] },
    );
    const rule = new aws.cloudwatch.EventRule(
      `${name}-schedule`,
      {
        description: "Runs the ingestion function",
        scheduleExpression: args.schedule,
        tags: args.tags,
      },
      parent,
    );
    const permission = new aws.lambda.Permission(
      `${name}-invoke`,
      {
        action: "lambda:InvokeFunction",
        function: fn.name,
        principal: "events.amazonaws.com",
        sourceArn: rule.arn,
      },
      parent,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-target`,
      { rule: rule.name, arn: fn.arn },
      { parent: this, dependsOn: [permission] },
    );
    this.functionName = fn.name;
    this.functionArn = fn.arn;
    this.registerOutputs({ functionName: this.functionName, functionArn: this.functionArn });
  }
}
