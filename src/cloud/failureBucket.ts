import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";

/**
 * Lambda names the objects of an S3 on-failure destination `aws/lambda/<ESM-UUID>/<shardID>/...`,
 * one object per failed batch:
 * https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
 */
export const INVOCATION_RECORD_PREFIX = "aws/lambda/";

/** The failed-batch objects in the bucket, in key order; `limit` stops listing early. */
export async function listFailureRecordKeys(s3: S3Client, bucket: string, limit = Number.POSITIVE_INFINITY) {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: INVOCATION_RECORD_PREFIX,
        ContinuationToken: token,
      }),
    );
    for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
    token = page.IsTruncated && keys.length < limit ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort().slice(0, limit);
}
