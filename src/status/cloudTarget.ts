import type { StackAccess } from "../cloud/stackAccess.js";
import { type StackRedisReach, stackRedisSession } from "../cloud/stackRedis.js";
import { redisKeys } from "../core/redisKeys.js";
import { STACK_OUTPUTS } from "../core/stackOutputs.js";
import type { Output } from "../lib/output.js";
import { CONFIG_FIELDS } from "../stack/configFields.js";
import type { CloudStatusTarget } from "./cloudSource.js";
import { readRedisFacts } from "./redisFacts.js";

/** Listing stops here: a bucket with more failed batches shows this many, which is alarm enough. */
const FAILED_BATCHES_COUNTED = 1_000;

/** Turns a stack name into what `status` and `logs` read; tests hand in mocked clients. */
export type ResolveCloudTarget = (
  stack: string,
  env: NodeJS.ProcessEnv,
  output: Output,
) => Promise<CloudStatusTarget>;

/**
 * Redis through the stack's one session (src/cloud/stackRedis.ts: the tunnel, a fresh IAM
 * token), opened at the first read and kept for the next ones (`status --watch`), reopened
 * only when it ended or a read failed.
 */
export function tunnelRedisReader(
  access: StackAccess,
  output: Output,
  env: NodeJS.ProcessEnv,
  reach: StackRedisReach = {},
) {
  const keys = redisKeys(access.keyPrefix);
  const session = stackRedisSession(access, { output, env }, reach);
  return {
    async read(now: number) {
      try {
        return await readRedisFacts(await session.redis(), keys, now);
      } catch (error) {
        // The next read starts over with a new tunnel.
        await session.discard();
        throw error;
      }
    },
    close: () => session.close(),
  };
}

/**
 * The real cloud target: outputs and config through the Automation API, CloudWatch,
 * CloudWatch Logs and Kinesis clients in the stack's region, Redis through the tunnel.
 */
export const defaultCloudTarget: ResolveCloudTarget = async (stack, env, output) => {
  const { loadStackAccess } = await import("../cloud/stackAccess.js");
  const access = await loadStackAccess(stack, env, {
    interactive: process.stdin.isTTY === true,
    localAlternative: true,
    configOptional: true,
  });
  const { outputs, config } = access;
  const region = access.region ?? "us-east-1";
  const [
    { CloudWatchClient },
    { CloudWatchLogsClient },
    kinesisModule,
    { S3Client },
    { listFailureRecordKeys },
  ] = await Promise.all([
    import("@aws-sdk/client-cloudwatch"),
    import("@aws-sdk/client-cloudwatch-logs"),
    import("@aws-sdk/client-kinesis"),
    import("@aws-sdk/client-s3"),
    import("../cloud/failureBucket.js"),
  ]);
  const cloudwatch = new CloudWatchClient({ region });
  const logs = new CloudWatchLogsClient({ region });
  const kinesis = new kinesisModule.KinesisClient({ region });
  const s3 = new S3Client({ region });
  const failureBucket = outputs[STACK_OUTPUTS.failureBucketName];
  const givenStream = outputs[STACK_OUTPUTS.kinesisStreamName];
  const streamName = typeof givenStream === "string" ? givenStream : "";
  const schedule = config[CONFIG_FIELDS.schedule.key]?.value;
  const redisReader = tunnelRedisReader(access, output, env);
  return {
    stack,
    outputs,
    ...(schedule ? { schedule } : {}),
    cloudwatch,
    logs,
    shardCount: async () => {
      const summary = await kinesis.send(
        new kinesisModule.DescribeStreamSummaryCommand({ StreamName: streamName }),
      );
      return summary.StreamDescriptionSummary?.OpenShardCount ?? null;
    },
    ...(typeof failureBucket === "string" && failureBucket !== ""
      ? {
          failedBatches: async () =>
            (await listFailureRecordKeys(s3, failureBucket, FAILED_BATCHES_COUNTED)).length,
        }
      : {}),
    readRedis: (now) => redisReader.read(now),
    close: async () => {
      await redisReader.close();
      cloudwatch.destroy();
      logs.destroy();
      kinesis.destroy();
      s3.destroy();
    },
  };
};
