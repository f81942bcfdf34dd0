import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createLambdaFunction, type LambdaFunctionArgs } from "./lambdaFunction.js";

export interface IngestionFunctionArgs extends LambdaFunctionArgs {
  streamArn: pulumi.Input<string>;
  apiKeySecretArn: pulumi.Input<string>;
  schedule: string;
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
    const parent = { parent: this };
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
    const rule = new aws.cloudwatch.EventRule(
      `${name}-schedule`,
      {
        description: "Runs the ingestion function",
        scheduleExpression: args.schedule,
        tags: args.tags,
      },
      parent,
    );
    const permission = new aws.lambda.Permission(
      `${name}-invoke`,
      {
        action: "lambda:InvokeFunction",
        function: fn.name,
        principal: "events.amazonaws.com",
        sourceArn: rule.arn,
      },
      parent,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-target`,
      { rule: rule.name, arn: fn.arn },
      { parent: this, dependsOn: [permission] },
    );
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
