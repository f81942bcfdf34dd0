import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "./iam.js";

export interface SecretArgs {
  description: string;
  value: pulumi.Input<string>;
  tags: Tags;
}

/** A Secrets Manager secret and its current value, so no function environment holds the value. */
export class Secret extends pulumi.ComponentResource {
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: SecretArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bavest-signals:stack:Secret", name, {}, opts);
    const secret = new aws.secretsmanager.Secret(
      `${name}-secret`,
      {
        description: args.description,
        recoveryWindowInDays: 7,
        tags: args.tags,
      },
      { parent: this },
    );
    new aws.secretsmanager.SecretVersion(
      `${name}-version`,
      {
        secretId: secret.id,
        secretString: pulumi.secret(args.value),
      },
      { parent: this },
    );
    this.arn = secret.arn;
    this.registerOutputs({ arn: this.arn });
  }
}
