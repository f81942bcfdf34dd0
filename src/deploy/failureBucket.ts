import {
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  type ObjectIdentifier,
  type S3Client,
} from "@aws-sdk/client-s3";
import { listFailureRecordKeys } from "../cloud/failureBucket.js";

/** What destroy needs to know about the stack's failure bucket, and how to empty it. */
export interface FailureBucketContents {
  bucket: string;
  /** Failed batches `redrive --stack` can still send (the on-failure destination's objects). */
  failedBatches: number;
  /** Everything that keeps S3 from deleting the bucket: objects, or every version and delete marker. */
  blocking: ObjectIdentifier[];
  versioned: boolean;
}

/** DeleteObjects takes at most 1,000 keys (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html). */
const DELETE_BATCH = 1000;

/**
 * Reads the bucket as S3 will see it at delete time. A bucket that is or was versioned keeps
 * every version and delete marker, which must all go before DeleteBucket succeeds
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/empty-bucket.html); the program's bucket
 * is not versioned today (src/stack/components/failureBucket.ts), which GetBucketVersioning confirms.
 */
export async function readFailureBucket(s3: S3Client, bucket: string): Promise<FailureBucketContents> {
  const failedBatches = (await listFailureRecordKeys(s3, bucket)).length;
  const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  const versioned = versioning.Status === "Enabled" || versioning.Status === "Suspended";
  const blocking = versioned ? await allVersions(s3, bucket) : await allKeys(s3, bucket);
  return { bucket, failedBatches, blocking, versioned };
}

async function allKeys(s3: S3Client, bucket: string): Promise<ObjectIdentifier[]> {
  const keys: ObjectIdentifier[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const item of page.Contents ?? []) if (item.Key) keys.push({ Key: item.Key });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

async function allVersions(s3: S3Client, bucket: string): Promise<ObjectIdentifier[]> {
  const versions: ObjectIdentifier[] = [];
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionMarker }),
    );
    for (const item of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
      if (item.Key) versions.push({ Key: item.Key, VersionId: item.VersionId });
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker || versionMarker);
  return versions;
}

/** Deletes every object (or version) listed, 1,000 at a time; fails naming the first key S3 kept. */
export async function emptyFailureBucket(s3: S3Client, contents: FailureBucketContents): Promise<number> {
  let deleted = 0;
  for (let start = 0; start < contents.blocking.length; start += DELETE_BATCH) {
    const batch = contents.blocking.slice(start, start + DELETE_BATCH);
    const answer = await s3.send(
      new DeleteObjectsCommand({ Bucket: contents.bucket, Delete: { Objects: batch, Quiet: true } }),
    );
    const failed = answer.Errors ?? [];
    if (failed.length > 0) {
      const first = failed[0];
      throw new Error(
        `S3 kept ${failed.length} object(s) of ${contents.bucket}, first ${first?.Key}: ${first?.Code} ${first?.Message ?? ""}`.trim(),
      );
    }
    deleted += batch.length;
  }
  return deleted;
}
