import * as pulumi from "@pulumi/pulumi";

/** One IAM policy statement; resources are concrete ARNs wherever AWS allows it. */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow";
  Action: string[];
  Resource: pulumi.Input<string>[] | string;
}

/** The trust policy that lets one AWS service assume a role. */
export function assumeRolePolicy(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}

/** A policy document as JSON, resolving the ARNs it refers to. */
export function policyDocument(statements: PolicyStatement[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** Writing to one log group: the log streams live under `<group arn>:*`. */
export function logWriteStatement(logGroupArn: pulumi.Input<string>): PolicyStatement {
  return {
    Sid: "WriteOwnLogs",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: [pulumi.interpolate`${logGroupArn}:*`],
  };
}

/** Tags every taggable resource of the stack carries. */
export type Tags = Record<string, string>;
