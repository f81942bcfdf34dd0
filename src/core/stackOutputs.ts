/**
 * The names of the outputs a deployed stack exports (CONTRACTS section 6), by their role. The
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
  region: "region",
} as const;

/** One output name the program exports. */
export type StackOutputName = (typeof STACK_OUTPUTS)[keyof typeof STACK_OUTPUTS];

/**
 * Names `status` reads when a stack has them, though the current program exports none of them:
 * the dead-letter queue of stacks deployed before the S3 failure bucket, an alarm name prefix
 * and the ingestion schedule.
 */
export const OPTIONAL_OUTPUTS = {
  deadLetterQueueUrl: "dead_letter_queue_url",
  alarmNamePrefix: "alarm_name_prefix",
  ingestionSchedule: "ingestion_schedule",
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
