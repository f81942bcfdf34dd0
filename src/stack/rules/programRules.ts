import type { SynthResource, SynthResult } from "../synth/runSynth.js";
import { AWS_DOCS } from "./docs.js";
import { environmentBytes, LAMBDA_ENVIRONMENT_LIMIT_BYTES } from "./environmentSize.js";
import type { Finding } from "./types.js";

/**
 * Rules on the synthesized program itself (what `synth --check` gates on): they read the
 * resources' inputs, so they hold whatever code or config produced them.
 */
type ProgramRule = (resources: SynthResource[]) => Finding[];

const FUNCTION = "aws:lambda/function:Function";
const PROGRAM_KEY = "program";

function variablesOf(fn: SynthResource): Record<string, string> {
  const environment = fn.inputs.environment as { variables?: Record<string, unknown> } | undefined;
  return Object.fromEntries(Object.entries(environment?.variables ?? {}).map(([k, v]) => [k, String(v)]));
}

/** A name that says "secret value" (an ARN pointing at a secret is fine). */
const SECRET_NAME = /(TOKEN|PASSWORD|PASSWD|SECRET|API_KEY|PRIVATE_KEY)(?!.*_ARN$)/;

/** No function environment holds a secret value: `lambda:GetFunctionConfiguration` would show it. */
const noSecretInEnvironment: ProgramRule = (resources) =>
  resources
    .filter((r) => r.type === FUNCTION)
    .flatMap((fn) =>
      Object.entries(variablesOf(fn))
        .filter(([name, value]) => value === "[secret]" || SECRET_NAME.test(name))
        .map(([name]) => ({
          severity: "error" as const,
          key: PROGRAM_KEY,
          rule: "no-secret-in-lambda-environment",
          message: `Function ${fn.name} has ${name} in its environment: anyone with lambda:GetFunctionConfiguration can read it.`,
          fix: "Read secrets at run time (Secrets Manager, IAM authentication) instead of the environment.",
          docUrl: AWS_DOCS.iamAuth,
        })),
    );

const environmentWithinLimit: ProgramRule = (resources) =>
  resources
    .filter((r) => r.type === FUNCTION)
    .map((fn) => [fn, environmentBytes(variablesOf(fn))] as const)
    .filter(([, bytes]) => bytes > LAMBDA_ENVIRONMENT_LIMIT_BYTES)
    .map(([fn, bytes]) => ({
      severity: "error" as const,
      key: PROGRAM_KEY,
      rule: "lambda-environment-4kb",
      message: `Function ${fn.name}'s environment is ${bytes} bytes; Lambda allows ${LAMBDA_ENVIRONMENT_LIMIT_BYTES}.`,
      fix: "Shorten the watchlist: bavest-signals configure --symbols ...",
      docUrl: AWS_DOCS.lambdaQuotas,
    }));

const alarmTopicKey: ProgramRule = (resources) =>
  resources
    .filter((r) => r.type === "aws:sns/topic:Topic" && r.inputs.kmsMasterKeyId === "alias/aws/sns")
    .map((topic) => ({
      severity: "error" as const,
      key: PROGRAM_KEY,
      rule: "alarm-topic-customer-managed-key",
      message: `SNS topic ${topic.name} is encrypted with alias/aws/sns, which CloudWatch alarms cannot use.`,
      fix: "Encrypt it with a customer managed key whose policy allows cloudwatch.amazonaws.com.",
      docUrl: AWS_DOCS.alarmSnsKms,
    }));

const failuresKeepRecords: ProgramRule = (resources) =>
  resources
    .filter((r) => r.type === "aws:lambda/eventSourceMapping:EventSourceMapping")
    .filter((mapping) => {
      const destination = (mapping.inputs.destinationConfig as { onFailure?: { destinationArn?: string } })
        ?.onFailure?.destinationArn;
      return !String(destination ?? "").startsWith("arn:aws:s3:::");
    })
    .map((mapping) => ({
      severity: "error" as const,
      key: PROGRAM_KEY,
      rule: "kinesis-on-failure-s3",
      message: `Event source mapping ${mapping.name} has no S3 on-failure destination: SQS or SNS get only a pointer, and the records expire with the stream.`,
      fix: "Send failed batches to an S3 bucket.",
      docUrl: AWS_DOCS.kinesisOnFailure,
    }));

const memoryAlarm: ProgramRule = (resources) => {
  // The bastion's idle stop (an EC2 action, not a notification) exists with alarms off too.
  const alarms = resources
    .filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")
    .filter((alarm) => !JSON.stringify(alarm.inputs.alarmActions ?? []).includes(":automate:"));
  if (alarms.length === 0) return [];
  if (alarms.some((alarm) => alarm.inputs.metricName === "DatabaseMemoryUsagePercentage")) return [];
  return [
    {
      severity: "error",
      key: PROGRAM_KEY,
      rule: "redis-memory-alarm",
      message:
        "The alarms miss Redis memory (DatabaseMemoryUsagePercentage): a full cache evicts or refuses writes.",
      fix: "Add a DatabaseMemoryUsagePercentage alarm on each cache node.",
      docUrl: AWS_DOCS.iamAuth,
    },
  ];
};

/**
 * An instance launched from `resolve:ssm:<parameter>` next to a root block device is never
 * created: the provider resolves the root device name with DescribeImages on the raw string and
 * EC2 answers InvalidAMIID.Malformed (terraform-provider-aws issue #43488, open; @pulumi/aws 7
 * bridges the same code). Resolve the image id in the program instead.
 */
const noSsmAmiWithRootDevice: ProgramRule = (resources) =>
  resources
    .filter((r) => r.type === "aws:ec2/instance:Instance")
    .filter((instance) => String(instance.inputs.ami ?? "").startsWith("resolve:ssm:"))
    .filter((instance) => instance.inputs.rootBlockDevice !== undefined)
    .map((instance) => ({
      severity: "error" as const,
      key: PROGRAM_KEY,
      rule: "ec2-ami-resolve-ssm-with-root-device",
      message: `Instance ${instance.name} names its AMI as ${String(instance.inputs.ami)} next to a root block device: the provider fails with InvalidAMIID.Malformed and the instance is never created.`,
      fix: "Read the image id in the program (aws.ssm.getParameterOutput) and pass it as `ami`.",
      docUrl: AWS_DOCS.amiSsmWithRootDevice,
    }));

const PROGRAM_RULES: readonly ProgramRule[] = [
  noSsmAmiWithRootDevice,
  noSecretInEnvironment,
  environmentWithinLimit,
  alarmTopicKey,
  failuresKeepRecords,
  memoryAlarm,
];

/** Every program rule's findings on a synthesized stack. */
export function programFindings(result: SynthResult): Finding[] {
  return PROGRAM_RULES.flatMap((rule) => rule(result.resources));
}
