import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AccountClient, GetRegionOptStatusCommand } from "@aws-sdk/client-account";
import {
  DescribeAddressesCommand,
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeInstanceTypeOfferingsCommand,
  DescribeInstanceTypesCommand,
  DescribeVpcsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import {
  DescribeCacheClustersCommand,
  DescribeCacheEngineVersionsCommand,
  DescribeEngineDefaultParametersCommand,
  DescribeReservedCacheNodesOfferingsCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import { IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { DescribeLimitsCommand, DescribeStreamSummaryCommand, KinesisClient } from "@aws-sdk/client-kinesis";
import { GetAccountSettingsCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { GetServiceQuotaCommand, ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { type AwsStub, mockClient } from "aws-sdk-client-mock";
import type { AwsClients } from "../../../src/preflight/awsClients.js";
import type { BavestProbe } from "../../../src/preflight/bavestProbe.js";
import type { PreflightContext } from "../../../src/preflight/types.js";
import { parseStackConfig } from "../../../src/stack/config.js";
import type { RecordedCall } from "../../../src/stack/synth/mocks.js";
import type { SynthResource } from "../../../src/stack/synth/runSynth.js";
import { FakeEngine } from "../engine/fakeEngine.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/aws/", import.meta.url));

/** A response body from test/fixtures/aws (each file names the API reference it is shaped after). */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are typed by the command they answer.
export function fixture(name: string): any {
  return JSON.parse(readFileSync(`${FIXTURES}${name}.json`, "utf8")).response;
}

const ERRORS = JSON.parse(readFileSync(`${FIXTURES}errors.json`, "utf8")) as {
  accessDenied: Record<string, string>;
  throttled: Record<string, string>;
  notFound: Record<string, string>;
};

/** An error as the SDK throws a service's answer: named by its code, with the HTTP status. */
export function awsError(code: string, status = 400): Error {
  const error = new Error(`${code}: the service said no`);
  error.name = code;
  Object.assign(error, { $fault: "client", $metadata: { httpStatusCode: status } });
  return error;
}

export const accessDenied = (client: string) => awsError(ERRORS.accessDenied[client] ?? "AccessDenied", 403);
export const throttled = (client: string) => awsError(ERRORS.throttled[client] ?? "Throttling");
export const notFound = (operation: string) => awsError(ERRORS.notFound[operation] ?? "NotFound", 404);

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

/** Real SDK clients, each behind its own mock. */
export function mockedAws(region = "eu-central-1") {
  const options = { region, credentials };
  const aws: AwsClients = {
    sts: new STSClient(options),
    account: new AccountClient(options),
    quotas: new ServiceQuotasClient(options),
    kinesis: new KinesisClient(options),
    lambda: new LambdaClient(options),
    ec2: new EC2Client(options),
    elasticache: new ElastiCacheClient(options),
    ssm: new SSMClient(options),
    iam: new IAMClient(options),
  };
  const mocks = Object.fromEntries(
    Object.entries(aws).map(([name, client]) => [name, mockClient(client as never)]),
    // biome-ignore lint/suspicious/noExplicitAny: one stub type for nine clients.
  ) as Record<keyof AwsClients, AwsStub<any, any, any>>;
  return { aws, mocks };
}

type Mocks = ReturnType<typeof mockedAws>["mocks"];

/** Every call answered "yes": the account has room, everything is offered, nothing is taken. */
export function answerYes(mocks: Mocks): void {
  mocks.sts.on(GetCallerIdentityCommand).resolves(fixture("GetCallerIdentity"));
  mocks.account.on(GetRegionOptStatusCommand).resolves(fixture("GetRegionOptStatus.enabled"));
  mocks.kinesis.on(DescribeLimitsCommand).resolves(fixture("DescribeLimits.room"));
  mocks.kinesis.on(DescribeStreamSummaryCommand).rejects(notFound("DescribeStreamSummary"));
  mocks.lambda.on(GetAccountSettingsCommand).resolves(fixture("GetAccountSettings.room"));
  mocks.quotas.on(GetServiceQuotaCommand).resolves(fixture("GetServiceQuota.vpcs"));
  mocks.ec2.on(DescribeVpcsCommand).resolves(fixture("DescribeVpcs"));
  mocks.ec2.on(DescribeAddressesCommand).resolves(fixture("DescribeAddresses"));
  mocks.ec2.on(DescribeAvailabilityZonesCommand).resolves(fixture("DescribeAvailabilityZones"));
  mocks.ec2.on(DescribeInstanceTypeOfferingsCommand).resolves(fixture("DescribeInstanceTypeOfferings"));
  mocks.ec2.on(DescribeImagesCommand).resolves(fixture("DescribeImages"));
  mocks.ec2.on(DescribeInstanceTypesCommand).resolves(fixture("DescribeInstanceTypes"));
  mocks.ssm.on(GetParameterCommand).resolves(fixture("GetParameter"));
  mocks.elasticache.on(DescribeCacheClustersCommand).resolves(fixture("DescribeCacheClusters"));
  mocks.elasticache.on(DescribeCacheEngineVersionsCommand).resolves(fixture("DescribeCacheEngineVersions"));
  mocks.elasticache
    .on(DescribeReservedCacheNodesOfferingsCommand)
    .resolves(fixture("DescribeReservedCacheNodesOfferings"));
  mocks.elasticache
    .on(DescribeEngineDefaultParametersCommand)
    .resolves(fixture("DescribeEngineDefaultParameters"));
  mocks.elasticache.on(DescribeUsersCommand).rejects(notFound("DescribeUsers"));
  mocks.elasticache.on(DescribeUserGroupsCommand).rejects(notFound("DescribeUserGroups"));
  mocks.iam
    .on(SimulatePrincipalPolicyCommand)
    .callsFake((input: { ActionNames: string[]; ResourceArns: string[] }) =>
      simulated(input, () => "allowed"),
    );
}

/** A SimulatePrincipalPolicy answer for the actions asked, each decided by `decide`. */
export function simulated(
  input: { ActionNames: string[]; ResourceArns: string[] },
  decide: (action: string) => string,
) {
  const template = fixture("SimulatePrincipalPolicy.result");
  const [shape] = template.EvaluationResults;
  return {
    ...template,
    EvaluationResults: input.ActionNames.map((action) => ({
      ...shape,
      EvalActionName: action,
      EvalResourceName: input.ResourceArns[0],
      EvalDecision: decide(action),
    })),
  };
}

export const workingKey: BavestProbe = async () => ({ ok: true, status: 200 });

/** A check's context over the synthesized program and mocked clients. */
export function checkContext(
  program: { resources: SynthResource[]; calls: RecordedCall[] },
  aws: AwsClients,
  overrides: Partial<PreflightContext> = {},
): PreflightContext {
  return {
    stack: "dev",
    config: parseStackConfig({}),
    resources: program.resources,
    calls: program.calls,
    owned: new Map(),
    deployed: new Map(),
    aws,
    engine: new FakeEngine("dev"),
    bavestApiKey: "key-123",
    probeBavest: workingKey,
    env: {},
    callerIdentity: async () => ({
      account: "123456789012",
      arn: "arn:aws:sts::123456789012:assumed-role/Deployer/deployer",
    }),
    ...overrides,
  };
}
