/**
 * The names of the outputs a deployed stack exports (docs/contracts.md section 6), by their role. The
 * Pulumi program writes them and every reader (outputs, status, logs, invoke, redrive, tunnel,
 * Redis credentials) reads them by these names. Pure data.
 */
export const STACK_OUTPUTS = {
  ingestionLambdaName: "ingestion_lambda_name",
  processingLambdaName: "processing_lambda_name",
  ingestionLogGroupName: "ingestion_log_group_name",
  processingLogGroupName: "processing_log_group_name",
  kinesisStreamName: "kinesis_stream_name",
  kinesisStreamArn: "kinesis_stream_arn",
  redisPrimaryEndpoint: "redis_primary_endpoint",
  redisPort: "redis_port",
  redisUser: "redis_user",
  redisReplicationGroupId: "redis_replication_group_id",
  bastionInstanceId: "bastion_instance_id",
  failureBucketName: "failure_bucket_name",
  bavestApiKeySecretArn: "bavest_api_key_secret_arn",
  dashboardName: "dashboard_name",
  alarmTopicArn: "alarm_topic_arn",
  /** What every pipeline alarm's name starts with: `status` selects alarms by it without a topic. */
  alarmNamePrefix: "alarm_name_prefix",
  /** The EventBridge schedule expression: `status` says when the next run is due. */
  ingestionSchedule: "ingestion_schedule",
  /** `iam+token` while a stack moves from its AUTH token (step 1 of 2), else `iam`. */
  redisAuthMode: "redis_auth_mode",
  region: "region",
} as const;

/** One output name the program exports. */
export type StackOutputName = (typeof STACK_OUTPUTS)[keyof typeof STACK_OUTPUTS];

/**
 * Names `status` reads when a stack has them: the dead-letter queue of stacks deployed before
 * the S3 failure bucket (the current program exports it no more); the alarm name prefix and the
 * schedule, which stacks deployed before they were exported lack.
 */
export const OPTIONAL_OUTPUTS = {
  deadLetterQueueUrl: "dead_letter_queue_url",
  alarmNamePrefix: STACK_OUTPUTS.alarmNamePrefix,
  ingestionSchedule: STACK_OUTPUTS.ingestionSchedule,
} as const;

/** The outputs of each function, for code that takes the function as a parameter. */
export const FUNCTION_OUTPUTS = {
  ingestion: {
    lambdaName: STACK_OUTPUTS.ingestionLambdaName,
    logGroupName: STACK_OUTPUTS.ingestionLogGroupName,
  },
  processing: {
    lambdaName: STACK_OUTPUTS.processingLambdaName,
    logGroupName: STACK_OUTPUTS.processingLogGroupName,
  },
} as const;
