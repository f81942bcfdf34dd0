import { beforeAll, describe, expect, it } from "vitest";
import { STACK_OUTPUTS } from "../../../src/core/stackOutputs.js";
import { alarmCount } from "../../../src/stack/components/alarmInventory.js";
import { BASTION_AMI_PARAMETER } from "../../../src/stack/components/bastion.js";
import { defaultStackConfig } from "../../../src/stack/config.js";
import { alarmNamePrefix, cacheUserIds } from "../../../src/stack/stackNames.js";
import { MOCK_AMI_ID } from "../../../src/stack/synth/mocks.js";
import { PLACEHOLDER_SECRETS, runSynth, type SynthResult } from "../../../src/stack/synth/runSynth.js";
import { facts, list, statementsOf } from "./synthFacts.js";

// The mock runtime is process-wide: one synthesis per test file (vitest isolates files).
let result: SynthResult;
let f: ReturnType<typeof facts>;

beforeAll(async () => {
  result = await runSynth({ config: defaultStackConfig(), stack: "test", bundleDir: "/bundles" });
  f = facts(result);
});

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const FUNCTION = "aws:lambda/function:Function";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const ids = cacheUserIds("bavest-signals", "test");

describe("the network", () => {
  it("admits no traffic from 0.0.0.0/0 or ::/0 anywhere", () => {
    const open = (cidr: unknown) => cidr === "0.0.0.0/0" || cidr === "::/0";
    for (const rule of f.ofType(INGRESS_RULE)) {
      expect(open(rule.inputs.cidrIpv4) || open(rule.inputs.cidrIpv6)).toBe(false);
    }
    for (const group of [...f.ofType(SG), ...f.ofType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")]) {
      const inline = (group.inputs.ingress ?? []) as { cidrBlocks?: string[]; ipv6CidrBlocks?: string[] }[];
      expect(
        inline.flatMap((rule) => [...(rule.cidrBlocks ?? []), ...(rule.ipv6CidrBlocks ?? [])]).some(open),
      ).toBe(false);
    }
    expect(f.ofType("aws:ec2/securityGroupRule:SecurityGroupRule")).toEqual([]);
  });

  it("lets Redis be reached only from the processing function's and the bastion's groups", () => {
    const redis = f.one("aws:elasticache/replicationGroup:ReplicationGroup", "signals-redis");
    const [cacheGroup] = f.input<string[]>(redis, "securityGroupIds");
    const processingGroup = f.input<{ securityGroupIds: string[] }>(
      f.one(FUNCTION, "processing-fn"),
      "vpcConfig",
    ).securityGroupIds[0];
    const bastionGroup = f.input<string[]>(
      f.one("aws:ec2/instance:Instance", "tunnel-instance"),
      "vpcSecurityGroupIds",
    )[0];
    const intoCache = f.ofType(INGRESS_RULE).filter((rule) => rule.inputs.securityGroupId === cacheGroup);
    expect(intoCache.map((rule) => rule.inputs.referencedSecurityGroupId).sort()).toEqual(
      [processingGroup, bastionGroup].sort(),
    );
    for (const rule of intoCache)
      expect(rule.inputs).toMatchObject({ fromPort: 6379, toPort: 6379, ipProtocol: "tcp" });
    expect(new Set([cacheGroup, processingGroup, bastionGroup]).size).toBe(3);
  });

  it("runs the cache with the server settings dev's redis-server uses, in a group of its own", () => {
    const redis = f.one("aws:elasticache/replicationGroup:ReplicationGroup", "signals-redis");
    const group = f.one("aws:elasticache/parameterGroup:ParameterGroup", "signals-parameters");
    expect(group.inputs).toMatchObject({
      family: "redis7",
      parameters: [{ name: "zset-max-listpack-entries", value: "4096" }],
    });
    // A default group cannot be modified: the replication group must name this one.
    expect(String(f.input(redis, "parameterGroupName"))).not.toMatch(/^default\./);
    expect(f.input(redis, "parameterGroupName")).toBe(group.name);
  });

  it("places subnets in Availability Zones only, never a Local Zone (finding 11)", () => {
    const zones = result.calls.filter(
      (call) => call.token === "aws:index/getAvailabilityZones:getAvailabilityZones",
    );
    expect(zones).toHaveLength(1);
    expect(zones[0]?.inputs).toMatchObject({
      state: "available",
      filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
    });
  });

  it("creates no NAT gateway", () => {
    expect(f.ofType("aws:ec2/natGateway:NatGateway")).toEqual([]);
  });
});

describe("encryption", () => {
  it("encrypts the stream with the AWS-managed key", () => {
    expect(f.one("aws:kinesis/stream:Stream", "quotes-stream").inputs).toMatchObject({
      encryptionType: "KMS",
      kmsKeyId: "alias/aws/kinesis",
      shardCount: 1,
      retentionPeriod: 24,
    });
  });

  it("requires TLS and encrypts Redis at rest, with no AUTH token: IAM authentication (finding 2)", () => {
    const group = f.one("aws:elasticache/replicationGroup:ReplicationGroup", "signals-redis");
    expect(group.inputs).toMatchObject({
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      atRestEncryptionEnabled: true,
      engineVersion: expect.stringMatching(/^7/),
      nodeType: "cache.t3.micro",
      numCacheClusters: 1,
      userGroupIds: [ids.group],
    });
    expect(group.inputs).not.toHaveProperty("authToken");
    // Nothing to rotate on a fresh stack: the token-deleting strategy is for migrations only.
    expect(group.inputs).not.toHaveProperty("authTokenUpdateStrategy");
  });

  it("never changes the AUTH token strategy once no token is left: unset after DELETE sends an empty AuthToken (item P3)", () => {
    const group = f.one("aws:elasticache/replicationGroup:ReplicationGroup", "signals-redis");
    expect(group.options.ignoreChanges).toEqual(["authToken", "authTokenUpdateStrategy"]);
  });

  it("puts an IAM-enabled user (id = name) and a disabled `default` user in the cache's user group", () => {
    const app = f.one("aws:elasticache/user:User", "signals-iam-user").inputs;
    const disabled = f.one("aws:elasticache/user:User", "signals-default-user").inputs;
    expect(app).toMatchObject({
      userId: ids.app,
      userName: ids.app,
      authenticationMode: { type: "iam" },
    });
    expect(ids.app).toMatch(/^bavest-test-[0-9a-f]{6}$/);
    // No password user on a stack that never had an AUTH token.
    expect(
      f
        .ofType("aws:elasticache/user:User")
        .map((user) => user.name)
        .sort(),
    ).toEqual(["signals-default-user", "signals-iam-user"]);
    expect(disabled).toMatchObject({ userName: "default", accessString: expect.stringMatching(/^off /) });
    // Only the stack's own keys, and commands one by one, no category (test/integration/redis-acl.test.ts runs it).
    expect(app.accessString).toMatch(/^on ~bavest:\* -@all /);
    expect(app.accessString).not.toMatch(/\+@/);
    expect(app.accessString).not.toMatch(/~\*|&\*|\+@all/);
    expect(f.one("aws:elasticache/userGroup:UserGroup", "signals-users").inputs.userIds).toEqual([
      disabled.userId,
      app.userId,
    ]);
  });

  it("keeps failed batches in a private, encrypted, TLS-only bucket that expires them (finding 5)", () => {
    expect(f.ofType("aws:sqs/queue:Queue")).toEqual([]);
    expect(
      f.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "processing-failures-private").inputs,
    ).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const sse = f.one(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "processing-failures-sse",
    );
    expect(JSON.stringify(sse.inputs.rules)).toContain("AES256");
    const [deny] = statementsOf(
      f.one("aws:s3/bucketPolicy:BucketPolicy", "processing-failures-tls-only").inputs.policy,
    );
    expect(deny).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
  });
});

describe("the functions", () => {
  it("never put the API key in a function's environment", () => {
    const functions = JSON.stringify(f.ofType(FUNCTION));
    expect(functions).not.toContain(PLACEHOLDER_SECRETS.bavestApiKey);
    const ingestionEnv = f.input<{ variables: Record<string, string> }>(
      f.one(FUNCTION, "ingestion-fn"),
      "environment",
    );
    expect(ingestionEnv.variables).not.toHaveProperty("BAVEST_API_KEY");
    expect(ingestionEnv.variables.BAVEST_API_KEY_SECRET_ARN).toMatch(/^arn:aws:secretsmanager:/);
    expect(
      f.one("aws:secretsmanager/secretVersion:SecretVersion", "bavest-api-key-version").inputs.secretString,
    ).toBe("[secret]");
  });

  it("puts no secret in any function's environment, only what signing a Redis IAM token needs", () => {
    const env = f.input<{ variables: Record<string, string> }>(
      f.one(FUNCTION, "processing-fn"),
      "environment",
    );
    expect(env.variables).toMatchObject({
      REDIS_AUTH: "iam",
      REDIS_USER: ids.app,
      REDIS_CACHE_NAME: "signals-redis-id",
      REDIS_TLS: "true",
      REDIS_PORT: "6379",
    });
    expect(env.variables).not.toHaveProperty("REDIS_AUTH_TOKEN");
    for (const fn of f.ofType(FUNCTION))
      expect(JSON.stringify(fn.inputs.environment)).not.toContain("[secret]");
  });

  it("lets the processing role connect to this cache as this user only", () => {
    const policy = f.one("aws:iam/rolePolicy:RolePolicy", "processing-policy");
    const connect = statementsOf(policy.inputs.policy).find((s) => s.Sid === "ConnectToCacheWithIam");
    expect(connect).toMatchObject({
      Action: ["elasticache:Connect"],
      Resource: [
        "arn:aws:elasticache:eu-central-1:123456789012:replicationgroup:signals-redis",
        `arn:aws:elasticache:eu-central-1:123456789012:user:${ids.app}`,
      ],
    });
  });

  it("gives each function its own role", () => {
    const roles = f.ofType(FUNCTION).map((fn) => fn.inputs.role);
    expect(roles).toHaveLength(2);
    expect(new Set(roles).size).toBe(2);
  });

  it("allows no '*' action, and '*' resources only for the VPC network interface actions", () => {
    const statements = f
      .ofType("aws:iam/rolePolicy:RolePolicy")
      .flatMap((policy) => statementsOf(policy.inputs.policy));
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const action of list(statement.Action)) expect(action).not.toMatch(/(^\*$)|(:\*$)/);
      if (list(statement.Resource).includes("*")) {
        // EC2 has no resource-level permissions for Lambda's ENI actions: the one allowed exception.
        expect(statement.Sid).toBe("ManageVpcNetworkInterfaces");
        expect(list(statement.Action).every((action) => action.startsWith("ec2:"))).toBe(true);
      } else {
        for (const resource of list(statement.Resource)) expect(resource).toMatch(/^arn:aws:/);
      }
    }
  });

  it("maps the stream to the processing function with bounded, bisecting retries and an S3 failure destination", () => {
    const mapping = f.one("aws:lambda/eventSourceMapping:EventSourceMapping", "processing-stream-mapping");
    const queueArn = "arn:aws:s3:::processing-failures";
    const statements = statementsOf(
      f.one("aws:iam/rolePolicy:RolePolicy", "processing-policy").inputs.policy,
    );
    expect(statements.filter((s) => list(s.Action).some((a) => a.startsWith("s3:")))).toEqual([
      { Sid: "WriteFailedBatches", Effect: "Allow", Action: ["s3:PutObject"], Resource: [`${queueArn}/*`] },
      { Sid: "ListFailureBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [queueArn] },
    ]);
    expect(mapping.inputs).toMatchObject({
      startingPosition: "TRIM_HORIZON",
      batchSize: 100,
      maximumBatchingWindowInSeconds: 1,
      functionResponseTypes: ["ReportBatchItemFailures"],
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 3,
      maximumRecordAgeInSeconds: 3600,
      parallelizationFactor: 1,
      destinationConfig: { onFailure: { destinationArn: queueArn } },
    });
  });

  it("runs Node.js 22 on arm64 from the bundle folders, ingestion every 5 minutes", () => {
    for (const name of ["ingestion", "processing"]) {
      expect(f.one(FUNCTION, `${name}-fn`).inputs).toMatchObject({
        runtime: "nodejs22.x",
        architectures: ["arm64"],
        code: { archive: `/bundles/${name}` },
      });
    }
    expect(f.one("aws:cloudwatch/eventRule:EventRule", "ingestion-schedule").inputs.scheduleExpression).toBe(
      "rate(5 minutes)",
    );
    expect(f.one("aws:lambda/permission:Permission", "ingestion-invoke").inputs).toMatchObject({
      principal: "events.amazonaws.com",
      sourceArn: expect.stringContaining(":rule/ingestion-schedule"),
    });
  });
});

describe("the bastion", () => {
  it("has no inbound rule, requires IMDSv2 and encrypts its disk", () => {
    const instance = f.one("aws:ec2/instance:Instance", "tunnel-instance");
    const [group] = f.input<string[]>(instance, "vpcSecurityGroupIds");
    expect(f.ofType(INGRESS_RULE).filter((rule) => rule.inputs.securityGroupId === group)).toEqual([]);
    expect(f.one(SG, "firewall-bastion-sg").inputs.ingress ?? []).toEqual([]);
    expect(instance.inputs).toMatchObject({
      instanceType: "t4g.nano",
      ami: MOCK_AMI_ID,
      metadataOptions: { httpTokens: "required" },
      rootBlockDevice: { encrypted: true },
    });
    expect(
      f.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "tunnel-ssm-core").inputs.policyArn,
    ).toBe("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
  });

  it("reads its image id from the AL2023 parameter in the program, never as resolve:ssm (item P1)", () => {
    const instance = f.one("aws:ec2/instance:Instance", "tunnel-instance");
    expect(String(instance.inputs.ami)).toMatch(/^ami-/);
    const reads = result.calls.filter((call) => call.token === "aws:ssm/getParameter:getParameter");
    expect(reads.map((call) => call.inputs.name)).toEqual([BASTION_AMI_PARAMETER]);
    // A newer image on the next deploy must not replace it; the agent needs its policy first.
    expect(instance.options).toEqual({ dependsOn: ["tunnel-ssm-core"], ignoreChanges: ["ami"] });
  });

  it("stops itself after an hour of low traffic with the EC2 stop action (item P9)", () => {
    const instance = f.one("aws:ec2/instance:Instance", "tunnel-instance");
    const idle = f.one(ALARM, "tunnel-idle-stop").inputs;
    expect(idle).toMatchObject({
      namespace: "AWS/EC2",
      metricName: "NetworkPacketsIn",
      dimensions: { InstanceId: expect.stringMatching(/^i-/) },
      comparisonOperator: "LessThanThreshold",
      period: 300,
      evaluationPeriods: 12,
      datapointsToAlarm: 12,
      treatMissingData: "notBreaching",
      alarmActions: ["arn:aws:automate:eu-central-1:ec2:stop"],
    });
    expect(idle.dimensions).toEqual({ InstanceId: expect.any(String) });
    expect(instance.type).toBe("aws:ec2/instance:Instance");
    // It stops the bastion, it tells nobody: not on the alarm topic, not under the pipeline's prefix.
    expect(idle).not.toHaveProperty("okActions");
    expect(idle.name ?? "").not.toMatch(new RegExp(`^${alarmNamePrefix("bavest-signals", "test")}`));
  });
});

describe("the stack as a whole", () => {
  it("tags every taggable resource with the project and the stack", () => {
    const untaggable = new Set([
      "aws:ec2/route:Route",
      "aws:ec2/routeTableAssociation:RouteTableAssociation",
      "aws:secretsmanager/secretVersion:SecretVersion",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      "aws:lambda/permission:Permission",
      "aws:cloudwatch/eventTarget:EventTarget",
      "aws:cloudwatch/dashboard:Dashboard",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:sns/topicPolicy:TopicPolicy",
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    ]);
    const custom = result.resources.filter(
      (resource) => resource.type.startsWith("aws:") && !untaggable.has(resource.type),
    );
    for (const resource of custom)
      expect(resource.inputs.tags, resource.name).toMatchObject({ project: "bavest-signals", stack: "test" });
  });

  it("exports the outputs the CLI reads", () => {
    expect(result.outputs).toMatchObject({
      ingestion_lambda_name: "ingestion-fn",
      processing_lambda_name: "processing-fn",
      kinesis_stream_name: "quotes-stream",
      kinesis_stream_arn: expect.stringMatching(/^arn:aws:kinesis:/),
      redis_primary_endpoint: expect.stringContaining(".cache.amazonaws.com"),
      redis_port: 6379,
      bastion_instance_id: expect.stringMatching(/^i-/),
      failure_bucket_name: "processing-failures",
      redis_user: ids.app,
      redis_replication_group_id: "signals-redis-id",
      region: "eu-central-1",
    });
  });

  it("exports the alarm name prefix and the schedule that status --stack reads (item T5)", () => {
    const prefix = alarmNamePrefix("bavest-signals", "test");
    expect(result.outputs).toMatchObject({
      alarm_name_prefix: prefix,
      ingestion_schedule: "rate(5 minutes)",
      redis_auth_mode: "iam",
    });
    const pipeline = f.ofType(ALARM).filter((alarm) => alarm.name !== "tunnel-idle-stop");
    expect(pipeline.length).toBeGreaterThan(0);
    for (const alarm of pipeline) expect(String(alarm.inputs.name)).toMatch(new RegExp(`^${prefix}`));
  });

  it("exports only names of the one output set the readers use", () => {
    const known: readonly string[] = Object.values(STACK_OUTPUTS);
    expect(Object.keys(result.outputs).filter((name) => !known.includes(name))).toEqual([]);
  });

  it("exports each function's own log group, the one its logs really go to", () => {
    for (const which of ["ingestion", "processing"] as const) {
      const logging = f.input<{ logGroup: string }>(f.one(FUNCTION, `${which}-fn`), "loggingConfig");
      expect(result.outputs[`${which}_log_group_name`]).toBe(logging.logGroup);
      expect(logging.logGroup).toMatch(new RegExp(`^/aws/lambda/bavest-signals-${which}-`));
    }
  });

  it("alarms on failed records, Redis memory, failed and missing ingestion runs (finding 4, items P4, P8)", () => {
    const alarms = f
      .ofType(ALARM)
      .filter((alarm) => alarm.name !== "tunnel-idle-stop")
      .map((alarm) => alarm.inputs);
    expect(alarms.map((a) => a.metricName).sort()).toEqual([
      "AsyncEventsDropped",
      "DatabaseMemoryUsagePercentage",
      "Errors",
      "Errors",
      "FailedInvocations",
      "IteratorAge",
      "RecordsFailed",
      "SymbolsWritten",
    ]);
    expect(alarms.find((a) => a.metricName === "RecordsFailed")).toMatchObject({
      namespace: "BavestSignals",
      dimensions: { service: "processing" },
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
    });
    expect(alarms.find((a) => a.metricName === "DatabaseMemoryUsagePercentage")).toMatchObject({
      namespace: "AWS/ElastiCache",
      dimensions: { CacheClusterId: "signals-redis-id-001" },
    });
    expect(alarms.find((a) => a.metricName === "AsyncEventsDropped")).toMatchObject({
      namespace: "AWS/Lambda",
      dimensions: { FunctionName: "ingestion-fn" },
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
    });
  });

  it("fires the heartbeat when no run reports at all: missing data breaches, two schedule periods (item P4)", () => {
    const heartbeat = f.ofType(ALARM).find((alarm) => alarm.inputs.metricName === "SymbolsWritten");
    expect(heartbeat?.inputs).toMatchObject({
      namespace: "BavestSignals",
      dimensions: { service: "ingestion" },
      statistic: "Minimum",
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      treatMissingData: "breaching",
      period: 300,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
    });
  });

  it("alarms on EventBridge's failed invocations of each schedule rule (item P4)", () => {
    const rules = f.ofType("aws:cloudwatch/eventRule:EventRule").map((rule) => rule.name);
    const failed = f.ofType(ALARM).filter((alarm) => alarm.inputs.metricName === "FailedInvocations");
    expect(failed.map((alarm) => alarm.inputs.dimensions)).toEqual(rules.map((name) => ({ RuleName: name })));
    for (const alarm of failed) expect(alarm.inputs).toMatchObject({ namespace: "AWS/Events", threshold: 0 });
  });

  it("never retries a scheduled run and drops an event older than one interval (item P8)", () => {
    const config = f.one("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", "ingestion-async");
    expect(config.inputs).toMatchObject({
      functionName: "ingestion-fn",
      maximumRetryAttempts: 0,
      maximumEventAgeInSeconds: 300,
    });
  });

  it("makes as many alarms as plan prices (item P5)", () => {
    expect(f.ofType(ALARM)).toHaveLength(alarmCount(defaultStackConfig()).total);
  });

  it("updates the processing function only after the cache and its users (item P2)", () => {
    expect(f.one(FUNCTION, "processing-fn").options.dependsOn).toEqual(["processing-policy", "signals"]);
  });

  it("encrypts the alarm topic with a key CloudWatch may use, not alias/aws/sns (finding 3)", () => {
    const topic = f.one("aws:sns/topic:Topic", "monitoring-alarms");
    const key = f.one("aws:kms/key:Key", "monitoring-alarms-key");
    expect(topic.inputs.kmsMasterKeyId).toBe(
      "arn:aws:kms:eu-central-1:123456789012:key/monitoring-alarms-key",
    );
    const grant = statementsOf(key.inputs.policy).find(
      (s) => s.Sid === "AllowCloudWatchAlarms",
    ) as unknown as {
      Principal: unknown;
      Action: string[];
    };
    expect(grant).toMatchObject({
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    });
    expect(key.inputs.enableKeyRotation).toBe(true);
  });

  it("passes every program rule (what synth --check gates on)", async () => {
    const { programFindings } = await import("../../../src/stack/rules/index.js");
    expect(programFindings(result)).toEqual([]);
  });
});
