import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement, Tags } from "./iam.js";

/** How long failed batches are kept for `redrive` before S3 expires them. */
export const FAILURE_RETENTION_DAYS = 30;

/**
 * Where the event source mapping puts batches it gave up on. An S3 destination receives the
 * whole invocation record (the records themselves), where SQS or SNS get only a pointer to a
 * shard range that the stream forgets after its retention
 * (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html).
 * Private, encrypted (SSE-S3), TLS only, objects expire after FAILURE_RETENTION_DAYS.
 */
export function createFailureBucket(owner: pulumi.ComponentResource, name: string, tags: Tags) {
  const parent = { parent: owner };
  const bucket = new aws.s3.Bucket(`${name}-failures`, { forceDestroy: false, tags }, parent);
  new aws.s3.BucketPublicAccessBlock(
    `${name}-failures-private`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    parent,
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-failures-sse`,
    { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
    parent,
  );
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-failures-expiry`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "expire-failed-batches",
          status: "Enabled",
          filter: {},
          expiration: { days: FAILURE_RETENTION_DAYS },
        },
      ],
    },
    parent,
  );
  new aws.s3.BucketPolicy(
    `${name}-failures-tls-only`,
    {
      bucket: bucket.id,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    },
    parent,
  );
  return bucket;
}

/**
 * What the mapping needs for an S3 destination: s3:PutObject and s3:ListBucket, on this bucket
 * only (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html).
 */
export function failureBucketStatements(bucketArn: pulumi.Input<string>): PolicyStatement[] {
  return [
    {
      Sid: "WriteFailedBatches",
      Effect: "Allow",
      Action: ["s3:PutObject"],
      Resource: [pulumi.interpolate`${bucketArn}/*`],
    },
    { Sid: "ListFailureBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [bucketArn] },
  ];
}
