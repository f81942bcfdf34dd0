import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config.js";
import type { PolicyStatement } from "./iam.js";
import { createLambdaFunction, type LambdaFunctionArgs } from "./lambdaFunction.js";

export interface ProcessingFunctionArgs extends LambdaFunctionArgs {
  streamArn: pulumi.Input<string>;
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  securityGroupId: pulumi.Input<string>;
  batch: StackConfig["batch"];
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
  readonly logGroupName: pulumi.Output<string>;
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
    const { fn, policy, logGroupName } = createLambdaFunction(this, name, args, {
      logGroupPrefix: "/aws/lambda/bavest-signals-processing-",
      roleDescription: "Processing function: own logs, VPC access, read the stream, the dead-letter queue",
      functionDescription: "Computes P/E signals from the stream and stores them in Redis",
      statements: [
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
      ],
      vpcConfig: { subnetIds: args.subnetIds, securityGroupIds: [args.securityGroupId] },
    });
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
    this.logGroupName = logGroupName;
    this.deadLetterQueueUrl = queue.url;
    this.deadLetterQueueName = queue.name;
    this.registerOutputs({
      functionName: this.functionName,
      logGroupName: this.logGroupName,
      deadLetterQueueUrl: this.deadLetterQueueUrl,
    });
  }
}
