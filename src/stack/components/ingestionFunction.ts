import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createLambdaFunction, type LambdaFunctionArgs } from "./lambdaFunction.js";

export interface IngestionFunctionArgs extends LambdaFunctionArgs {
  streamArn: pulumi.Input<string>;
  apiKeySecretArn: pulumi.Input<string>;
  schedule: string;
  /** The watchlist in slices: one schedule target (one parallel invocation) each. */
  slices: readonly (readonly string[])[];
}

/** Each EventBridge rule can have up to five targets (PutTargets:
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html). */
const TARGETS_PER_RULE = 5;

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
): void {
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
    createSchedules(this, name, fn, args);
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
