import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TARGETS_PER_RULE } from "../../core/ingestionModel.js";
import { scheduleIntervalSeconds } from "../rules/schedule.js";
import { createLambdaFunction, type LambdaFunctionArgs } from "./lambdaFunction.js";

export interface IngestionFunctionArgs extends LambdaFunctionArgs {
  streamArn: pulumi.Input<string>;
  apiKeySecretArn: pulumi.Input<string>;
  schedule: string;
  /** The watchlist in slices: one schedule target (one parallel invocation) each. */
  slices: readonly (readonly string[])[];
}

/** `base` for the first resource (so an existing stack keeps its rule), `base-2`, ... after. */
const nth = (base: string, index: number) => (index === 0 ? base : `${base}-${index + 1}`);

/**
 * The schedule: as many rules as five targets each need, every target passing its slice as
 * the event (`{"symbols": [...]}`, at most 8,192 characters:
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html), so a watchlist
 * of any length stays out of the function's 4 KB environment and its slices run in parallel.
 */
function createSchedules(
  parent: pulumi.ComponentResource,
  name: string,
  fn: aws.lambda.Function,
  args: IngestionFunctionArgs,
): pulumi.Output<string>[] {
  const names: pulumi.Output<string>[] = [];
  const rules = Math.max(1, Math.ceil(args.slices.length / TARGETS_PER_RULE));
  for (let r = 0; r < rules; r += 1) {
    const slices = args.slices.slice(r * TARGETS_PER_RULE, (r + 1) * TARGETS_PER_RULE);
    const rule = new aws.cloudwatch.EventRule(
      nth(`${name}-schedule`, r),
      {
        description: `Runs the ingestion function (${slices.length} of ${args.slices.length} slices)`,
        scheduleExpression: args.schedule,
        tags: args.tags,
      },
      { parent },
    );
    names.push(rule.name);
    const permission = new aws.lambda.Permission(
      nth(`${name}-invoke`, r),
      {
        action: "lambda:InvokeFunction",
        function: fn.name,
        principal: "events.amazonaws.com",
        sourceArn: rule.arn,
      },
      { parent },
    );
    slices.forEach((slice, t) => {
      new aws.cloudwatch.EventTarget(
        nth(`${name}-target`, r * TARGETS_PER_RULE + t),
        { rule: rule.name, arn: fn.arn, input: JSON.stringify({ symbols: slice }) },
        { parent, dependsOn: [permission] },
      );
    });
  }
  return names;
}

/** Lambda's bounds for an asynchronous invocation's maximum event age (PutFunctionEventInvokeConfig). */
const EVENT_AGE_SECONDS = { min: 60, max: 21_600 };

/**
 * How the schedule's asynchronous invocations are retried: not at all, and an event never waits
 * longer than one schedule interval. Lambda's default (two retries, events kept 6 hours) lets a
 * retried slice overlap the next run and spend the plan's rate twice
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). A run
 * that fails is dropped and counted (AsyncEventsDropped, alarmed in the monitoring component).
 */
export function asyncInvokeSettings(schedule: string): {
  maximumRetryAttempts: number;
  maximumEventAgeInSeconds: number;
} {
  const interval = Math.floor(scheduleIntervalSeconds(schedule));
  return {
    maximumRetryAttempts: 0,
    maximumEventAgeInSeconds: Math.min(EVENT_AGE_SECONDS.max, Math.max(EVENT_AGE_SECONDS.min, interval)),
  };
}

/**
 * Fetches the watchlist's quotes on a schedule and puts them on the stream. Runs outside the
 * VPC (it needs the internet and there is no NAT). Its role may only write its own logs, put
 * records on this stream and read this one secret.
 */
export class IngestionFunction extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly functionArn: pulumi.Output<string>;
  /** The schedule's EventBridge rules (one FailedInvocations alarm each). */
  readonly scheduleRuleNames: pulumi.Output<string>[];

  constructor(name: string, args: IngestionFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bavest-signals:stack:IngestionFunction", name, {}, opts);
    const { fn, logGroupName } = createLambdaFunction(this, name, args, {
      logGroupPrefix: "/aws/lambda/bavest-signals-ingestion-",
      roleDescription: "Ingestion function: own logs, PutRecords on the stream, the API key secret",
      functionDescription: "Fetches Bavest quotes for the watchlist and puts them on Kinesis",
      statements: [
        {
          Sid: "PutQuoteRecords",
          Effect: "Allow",
          Action: ["kinesis:PutRecords"],
          Resource: [args.streamArn],
        },
        {
          Sid: "ReadApiKey",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue"],
          Resource: [args.apiKeySecretArn],
        },
      ],
    });
    new aws.lambda.FunctionEventInvokeConfig(
      `${name}-async`,
      { functionName: fn.name, ...asyncInvokeSettings(args.schedule) },
      { parent: this },
    );
    this.scheduleRuleNames = createSchedules(this, name, fn, args);
    this.functionName = fn.name;
    this.functionArn = fn.arn;
    this.logGroupName = logGroupName;
    this.registerOutputs({
      functionName: this.functionName,
      functionArn: this.functionArn,
      logGroupName: this.logGroupName,
    });
  }
}
