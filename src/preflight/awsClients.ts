import type { AccountClient } from "@aws-sdk/client-account";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import type { SSMClient } from "@aws-sdk/client-ssm";
import type { STSClient } from "@aws-sdk/client-sts";

/** The read-only clients preflight asks, all in the stack's region. Tests hand in mocked ones. */
export interface AwsClients {
  sts: STSClient;
  account: AccountClient;
  quotas: ServiceQuotasClient;
  kinesis: KinesisClient;
  lambda: LambdaClient;
  ec2: EC2Client;
  elasticache: ElastiCacheClient;
  ssm: SSMClient;
  iam: IAMClient;
}

/** The real clients, loaded only when preflight runs (each SDK client costs tens of milliseconds). */
export async function createAwsClients(region: string): Promise<AwsClients> {
  const [account, ec2, elasticache, iam, kinesis, lambda, quotas, ssm, sts] = await Promise.all([
    import("@aws-sdk/client-account"),
    import("@aws-sdk/client-ec2"),
    import("@aws-sdk/client-elasticache"),
    import("@aws-sdk/client-iam"),
    import("@aws-sdk/client-kinesis"),
    import("@aws-sdk/client-lambda"),
    import("@aws-sdk/client-service-quotas"),
    import("@aws-sdk/client-ssm"),
    import("@aws-sdk/client-sts"),
  ]);
  // A check waits 10 s at most per call: an endpoint that never answers must not hold a deploy.
  const options = { region, requestHandler: { connectionTimeout: 5_000, requestTimeout: 10_000 } };
  return {
    sts: new sts.STSClient(options),
    account: new account.AccountClient(options),
    quotas: new quotas.ServiceQuotasClient(options),
    kinesis: new kinesis.KinesisClient(options),
    lambda: new lambda.LambdaClient(options),
    ec2: new ec2.EC2Client(options),
    elasticache: new elasticache.ElastiCacheClient(options),
    ssm: new ssm.SSMClient(options),
    // IAM is global: its one endpoint answers for every region.
    iam: new iam.IAMClient(options),
  };
}
