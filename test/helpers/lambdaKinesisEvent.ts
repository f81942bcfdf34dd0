import { KinesisDataStreamSchema } from "@aws-lambda-powertools/parser/schemas";

/**
 * What AWS's own description of a Lambda Kinesis event says about each record, checked two
 * ways: Powertools' `KinesisDataStreamSchema` (the parser a function built on Powertools runs),
 * and the field formats of AWS's documented sample event
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html, "Example event"), which the
 * schema leaves as plain strings and numbers. Returns every problem found, `[]` for none.
 */
export function lambdaKinesisEventProblems(event: unknown): string[] {
  const parsed = KinesisDataStreamSchema.safeParse(event);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data.Records.flatMap((record, index) =>
    recordFormatProblems(record as unknown as SampleRecord).map((problem) => `Records[${index}].${problem}`),
  );
}

interface SampleRecord {
  eventID: string;
  eventVersion: string;
  awsRegion: string;
  eventSourceARN: string;
  invokeIdentityArn: string;
  kinesis: { kinesisSchemaVersion: string; sequenceNumber: string; approximateArrivalTimestamp: number };
}

const SHARD_ID = /^shardId-\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACCOUNT = /^\d{12}$/;

function recordFormatProblems(record: SampleRecord): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const { kinesis } = record;
  const [shardId = "", sequence] = record.eventID.split(":");
  check(SHARD_ID.test(shardId), `eventID "${record.eventID}" does not begin with a shardId-NNNNNNNNNNNN`);
  check(sequence === kinesis.sequenceNumber, `eventID "${record.eventID}" is not <shardId>:<sequenceNumber>`);
  check(
    /^\d+$/.test(kinesis.sequenceNumber),
    `kinesis.sequenceNumber "${kinesis.sequenceNumber}" is not digits`,
  );
  check(record.eventVersion === "1.0", `eventVersion "${record.eventVersion}" is not "1.0"`);
  check(kinesis.kinesisSchemaVersion === "1.0", `kinesis.kinesisSchemaVersion is not "1.0"`);
  const arrival = kinesis.approximateArrivalTimestamp;
  // Unix seconds, the milliseconds as the fraction: 1545084650.987 in AWS's sample.
  check(
    arrival > 1e9 && arrival < 1e10,
    `kinesis.approximateArrivalTimestamp ${arrival} is not Unix seconds`,
  );
  check(
    Math.round(arrival * 1000) / 1000 === arrival,
    `kinesis.approximateArrivalTimestamp ${arrival} has more than milliseconds`,
  );
  check(REGION.test(record.awsRegion), `awsRegion "${record.awsRegion}" is not a region`);
  const stream = record.eventSourceARN.split(":");
  check(
    stream.length === 6 &&
      stream[0] === "arn" &&
      stream[2] === "kinesis" &&
      stream[3] === record.awsRegion &&
      ACCOUNT.test(stream[4] ?? "") &&
      /^stream\/[A-Za-z0-9_.-]{1,128}$/.test(stream[5] ?? ""),
    `eventSourceARN "${record.eventSourceARN}" is not arn:aws:kinesis:<awsRegion>:<account>:stream/<name>`,
  );
  const role = record.invokeIdentityArn.split(":");
  check(
    role.length === 6 &&
      role[2] === "iam" &&
      role[3] === "" &&
      ACCOUNT.test(role[4] ?? "") &&
      /^role\/[\w+=,.@/-]+$/.test(role[5] ?? ""),
    `invokeIdentityArn "${record.invokeIdentityArn}" is not arn:aws:iam::<account>:role/<name>`,
  );
  return problems;
}
