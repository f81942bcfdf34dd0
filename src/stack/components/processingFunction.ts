import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config.js";
import { createFailureBucket, failureBucketStatements } from "./failureBucket.js";
import type { PolicyStatement } from "./iam.js";
import { createLambdaFunction, type LambdaFunctionArgs } from "./lambdaFunction.js";

export interface ProcessingFunctionArgs extends LambdaFunctionArgs {
  streamArn: pulumi.Input<string>;
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  securityGroupId: pulumi.Input<string>;
  batch: StackConfig["batch"];
  /** The replication group and IAM-enabled user the function signs its Redis tokens for. */
  cache: { replicationGroupArn: pulumi.Input<string>; userArn: pulumi.Input<string> };
  /** What the function's code must not reach before it is in place (the cache, its users). */
  waitFor?: pulumi.Resource[];
}

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
 * `elasticache:Connect` on the replication group and the user: what an IAM identity needs to
 * authenticate with a token (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html).
 */
export function connectStatement(cache: ProcessingFunctionArgs["cache"]): PolicyStatement {
  return {
    Sid: "ConnectToCacheWithIam",
    Effect: "Allow",
    Action: ["elasticache:Connect"],
    Resource: [cache.replicationGroupArn, cache.userArn],
  };
}

/**
 * Reads the stream in batches and writes signals to Redis, inside the private subnets. Failed
 * batches are split, retried a bounded number of times, then written whole to the failure bucket.
 */
export class ProcessingFunction extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  /** The S3 bucket failed batches go to (stack output `failure_bucket_name`). */
  readonly failureBucketName: pulumi.Output<string>;

  constructor(name: string, args: ProcessingFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bavest-signals:stack:ProcessingFunction", name, {}, opts);
    const failures = createFailureBucket(this, name, args.tags);
    const { fn, policy, logGroupName } = createLambdaFunction(this, name, args, {
      logGroupPrefix: "/aws/lambda/bavest-signals-processing-",
      roleDescription:
        "Processing function: own logs, VPC access, read the stream, Redis by IAM, the failure bucket",
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
        connectStatement(args.cache),
        ...failureBucketStatements(failures.arn),
      ],
      vpcConfig: { subnetIds: args.subnetIds, securityGroupIds: [args.securityGroupId] },
      waitFor: args.waitFor,
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
        destinationConfig: { onFailure: { destinationArn: failures.arn } },
        tags: args.tags,
      },
      { parent: this, dependsOn: [policy] },
    );
    this.functionName = fn.name;
    this.logGroupName = logGroupName;
    this.failureBucketName = failures.bucket;
    this.registerOutputs({
      functionName: this.functionName,
      logGroupName: this.logGroupName,
      failureBucketName: this.failureBucketName,
    });
  }
}
