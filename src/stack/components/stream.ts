import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "./iam.js";

export interface StreamArgs {
  mode: "provisioned" | "on-demand";
  shards: number;
  retentionHours: number;
  tags: Tags;
}

/** The Kinesis stream of quote records, encrypted with the AWS-managed key. */
export class Stream extends pulumi.ComponentResource {
  readonly name: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: StreamArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bavest-signals:stack:Stream", name, {}, opts);
    const onDemand = args.mode === "on-demand";
    const stream = new aws.kinesis.Stream(
      `${name}-stream`,
      {
        shardCount: onDemand ? undefined : args.shards,
        streamModeDetails: { streamMode: onDemand ? "ON_DEMAND" : "PROVISIONED" },
        retentionPeriod: args.retentionHours,
        encryptionType: "KMS",
        kmsKeyId: "alias/aws/kinesis",
        tags: args.tags,
      },
      { parent: this },
    );
    this.name = stream.name;
    this.arn = stream.arn;
    this.registerOutputs({ name: this.name, arn: this.arn });
  }
}
