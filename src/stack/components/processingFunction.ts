import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config.js";
import {
  assumeRolePolicy,
  logWriteStatement,
  type PolicyStatement,
  policyDocument,
  type Tags,
} from "./iam.js";

export interface ProcessingFunctionArgs {
  /** The folder holding the bundled handler (index.mjs). */
  codeDir: string;
  environment: pulumi.Input<Record<string, pulumi.Input<string>>>;
  streamArn: pulumi.Input<string>;
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  securityGroupId: pulumi.Input<string>;
  batch: StackConfig["batch"];
  memoryMb: number;
  timeoutSeconds: number;
  architecture: "arm64" | "x86_64";
  logRetentionDays: number;
  tags: Tags;
}

const FOURTEEN_DAYS_SECONDS = 14 * 86_400;

/**
 * The Lambda function ENI actions of AWSLambdaVPCAccessExecutionRole. EC2 does not support
 * resource-level permissions for them, so this is the one statement allowed `Resource: "*"`.
 */
const VPC_NETWORK_INTERFACE_STATEMENT: PolicyStatement = {
  Sid: "ManageVpcNetworkInterfaces",
  Effect: "Allow",
  Action: [
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
  ],
  Resource: "*",
};

/**
 * Reads the stream in batches and writes signals to Redis, inside the private subnets. Failed
 * batches are split, retried a bounded number of times, then described on the dead-letter queue.
 */
export class ProcessingFunction extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly deadLetterQueueUrl: pulumi.Output<string>;
  readonly deadLetterQueueName: pulumi.Output<string>;

  constructor(name: string, args: ProcessingFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bavest-signals:stack:ProcessingFunction", name, {}, opts);
    const parent = { parent: this };
    const queue = new aws.sqs.Queue(
      `${name}-dlq`,
      {
        messageRetentionSeconds: FOURTEEN_DAYS_SECONDS,
        sqsManagedSseEnabled: true,
        tags: args.tags,
      },
      parent,
    );
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        namePrefix: "/aws/lambda/bavest-signals-processing-",
        retentionInDays: args.logRetentionDays,
        tags: args.tags,
      },
      parent,
    );
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com"),
        description: "Processing function: own logs, VPC access, read the stream, the dead-letter queue",
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
          VPC_NETWORK_INTERFACE_STATEMENT,
          {
            Sid: "ReadQuoteStream",
            Effect: "Allow",
            Action: [
              "kinesis:DescribeStream",
              "kinesis:DescribeStreamSummary",
              "kinesis:GetRecords",
              "kinesis:GetShardIterator",
              "kinesis:ListShards",
            ],
            Resource: [args.streamArn],
          },
          { Sid: "SendFailedBatches", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [queue.arn] },
        ]),
      },
      parent,
    );
    const fn = new aws.lambda.Function(
      `${name}-fn`,
      {
        description: "Computes P/E signals from the stream and stores them in Redis",
        runtime: "nodejs22.x",
        handler: "index.handler",
        architectures: [args.architecture],
        code: new pulumi.asset.FileArchive(args.codeDir),
        role: role.arn,
        memorySize: args.memoryMb,
        timeout: args.timeoutSeconds,
        environment: { variables: args.environment },
        vpcConfig: { subnetIds: args.subnetIds, securityGroupIds: [args.securityGroupId] },
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
        tags: args.tags,
      },
      { parent: this, dependsOn: [policy] },
    );
    new aws.lambda.EventSourceMapping(
      `${name}-stream-mapping`,
      {
        eventSourceArn: args.streamArn,
        functionName: fn.arn,
        startingPosition: "TRIM_HORIZON",
        batchSize: args.batch.size,
        maximumBatchingWindowInSeconds: args.batch.windowSeconds,
        functionResponseTypes: ["ReportBatchItemFailures"],
        bisectBatchOnFunctionError: args.batch.bisectOnError,
        maximumRetryAttempts: args.batch.maxRetries,
        maximumRecordAgeInSeconds: args.batch.maxRecordAgeSeconds,
        parallelizationFactor: args.batch.parallelizationFactor,
        destinationConfig: { onFailure: { destinationArn: queue.arn } },
        tags: args.tags,
      },
      { parent: this, dependsOn: [policy] },
    );
    this.functionName = fn.name;
    this.deadLetterQueueUrl = queue.url;
    this.deadLetterQueueName = queue.name;
    this.registerOutputs({ functionName: this.functionName, deadLetterQueueUrl: this.deadLetterQueueUrl });
  }
}
