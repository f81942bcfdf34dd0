import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "./iam.js";

/**
 * The alarm topic, encrypted with a customer managed key whose policy lets CloudWatch alarms
 * use it: with the AWS managed alias/aws/sns, CloudWatch cannot publish and no alarm e-mail
 * arrives (https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns). Encryption is
 * kept (rather than none) because alarm texts name resources; the key costs $1/month.
 */
export function createAlarmTopic(owner: pulumi.ComponentResource, name: string, tags: Tags): aws.sns.Topic {
  const parent = { parent: owner };
  const caller = aws.getCallerIdentityOutput({}, parent);
  const key = new aws.kms.Key(
    `${name}-alarms-key`,
    {
      description: "Encrypts the alarm topic; CloudWatch alarms may use it",
      enableKeyRotation: true,
      deletionWindowInDays: 7,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AccountAdministers",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${caller.accountId}:root` },
            Action: "kms:*",
            Resource: "*",
          },
          {
            // The statement the knowledge center article prescribes.
            Sid: "AllowCloudWatchAlarms",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
          },
        ],
      }),
      tags,
    },
    parent,
  );
  const topic = new aws.sns.Topic(`${name}-alarms`, { kmsMasterKeyId: key.arn, tags }, parent);
  new aws.sns.TopicPolicy(
    `${name}-alarms-policy`,
    {
      arn: topic.arn,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AllowCloudWatchAlarmsToPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: topic.arn,
            Condition: { StringEquals: { "aws:SourceAccount": caller.accountId } },
          },
        ],
      }),
    },
    parent,
  );
  return topic;
}
