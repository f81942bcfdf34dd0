import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { S3Client } from "@aws-sdk/client-s3";
import { requireOutput, stackRegion } from "../cloud/outputs.js";
import type { ResolverOptions } from "../cloud/resolvers.js";
import { STACK_OUTPUTS } from "../core/stackOutputs.js";
import type { ReplayTarget } from "../targets/streamTarget.js";
import type { RedriveSource } from "./types.js";

export interface OpenedRedrive {
  source: RedriveSource;
  target: ReplayTarget;
}

/** `--local`: the dead-letter file and the stream of the running `dev`. */
export async function openLocalRedrive(env: NodeJS.ProcessEnv): Promise<OpenedRedrive> {
  const [{ readLocalPipelineRecord }, { localDeadLetterSource }] = await Promise.all([
    import("../local/state.js"),
    import("./localSource.js"),
  ]);
  const record = await readLocalPipelineRecord(env);
  return {
    source: localDeadLetterSource(record.deadLetterFile),
    target: {
      streamName: record.kinesis_stream_name,
      region: record.region,
      endpoint: record.kinesis_endpoint,
      description: "the local pipeline",
    },
  };
}

/** The AWS clients a stack redrive uses; tests hand in clients aws-sdk-client-mock intercepts. */
export interface StackClients {
  s3: (region: string) => S3Client;
  kinesis: (region: string) => KinesisClient;
  shards: (streamName: string, region: string) => Promise<number>;
}

export async function defaultStackClients(env: NodeJS.ProcessEnv): Promise<StackClients> {
  const [{ S3Client }, { createKinesisClient }, { describeShardCount }] = await Promise.all([
    import("@aws-sdk/client-s3"),
    import("../kinesis/kinesisClient.js"),
    import("../cloud/pacing.js"),
  ]);
  return {
    s3: (region) => new S3Client({ region }),
    kinesis: (region) => createKinesisClient({ region, env }),
    shards: describeShardCount,
  };
}

/** The default region when neither the stack nor the environment names one (SEAMS.md). */
const DEFAULT_REGION = "eu-central-1";

/** `--stack S`: the bucket of its `failure_bucket_name` output and its stream. */
export async function openStackRedrive(
  stack: string,
  env: NodeJS.ProcessEnv,
  options: ResolverOptions & { clients?: StackClients } = {},
): Promise<OpenedRedrive> {
  const [{ loadStackAccess }, { s3FailureSource }] = await Promise.all([
    import("../cloud/stackAccess.js"),
    import("./s3Source.js"),
  ]);
  const { outputs } = await loadStackAccess(stack, env, options);
  const bucket = requireOutput(outputs, STACK_OUTPUTS.failureBucketName, stack);
  const streamName = requireOutput(outputs, STACK_OUTPUTS.kinesisStreamName, stack);
  const region = stackRegion(outputs, env) ?? DEFAULT_REGION;
  const clients = options.clients ?? (await defaultStackClients(env));
  return {
    source: s3FailureSource({ bucket, streamName, s3: clients.s3(region), kinesis: clients.kinesis(region) }),
    target: {
      streamName,
      region,
      shards: await clients.shards(streamName, region),
      description: `stack "${stack}"`,
    },
  };
}
