/**
 * The AWS documentation each rule of this module follows, one link per constraint. A rule's
 * finding carries its link, so a user can read the constraint where AWS states it.
 */
export const AWS_DOCS = {
  /** AUTH token: 16-128 printable characters; the only specials are ! & # $ ^ < > -. */
  authToken: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html",
  /** IAM auth: Valkey 7.2+ / Redis OSS 7.0+, TLS, user id = user name, 15-minute tokens, 12-hour connections. */
  iamAuth: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html",
  /** Moving a cache from an AUTH token to IAM authentication without interruption. */
  iamMigration: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-to-iam-migration.html",
  /** A user group's UserIds must include a user named `default`. */
  userGroup:
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-usergroup.html",
  /** CloudWatch alarms cannot use alias/aws/sns: a customer managed key must allow cloudwatch.amazonaws.com. */
  alarmSnsKms: "https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns",
  /** Kinesis on-failure destinations: S3 receives the whole invocation record, SQS and SNS only metadata. */
  kinesisOnFailure: "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html",
  /** Lambda quotas: the environment variables of a function total at most 4 KB. */
  lambdaQuotas: "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html",
  /** EventBridge cron: six fields, ranges, wildcards, `?` in exactly one of day-of-month and day-of-week. */
  cron: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html",
  /** EventBridge rate: a positive value, singular unit exactly when the value is 1. */
  rate: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html",
  /** Kinesis Data Streams shard quota per account and region. */
  kinesisQuotas: "https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html",
  /** MaximumRecordAgeInSeconds of an event source mapping: -1, or 60 to 604,800. */
  eventSourceMapping:
    "https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html#lambda-CreateEventSourceMapping-request-MaximumRecordAgeInSeconds",
  /** Launching an instance from a Systems Manager parameter (`resolve:ssm:`) instead of an AMI id. */
  amiFromSsm:
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/finding-an-ami.html#using-systems-manager-parameter-to-find-AMI",
  /** The provider looks a `resolve:ssm:` AMI up with DescribeImages when a root block device is set: InvalidAMIID.Malformed. */
  amiSsmWithRootDevice: "https://github.com/hashicorp/terraform-provider-aws/issues/43488",
  /** CloudWatch alarm actions that stop an EC2 instance (`arn:aws:automate:<region>:ec2:stop`). */
  alarmEc2Actions: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/UsingAlarmActions.html",
  /** DescribeAvailabilityZones filter `opt-in-status`: Availability Zones are `opt-in-not-required`. */
  availabilityZones:
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html",
} as const;
