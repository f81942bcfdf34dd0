import * as pulumi from "@pulumi/pulumi";
import { planForConfig } from "../core/ingestionModel.js";
import { STACK_OUTPUTS, type StackOutputName } from "../core/stackOutputs.js";
import { bundlePath } from "./bundles.js";
import { Bastion } from "./components/bastion.js";
import { Cache } from "./components/cache.js";
import { Firewall } from "./components/firewall.js";
import type { Tags } from "./components/iam.js";
import { IngestionFunction } from "./components/ingestionFunction.js";
import { Monitoring } from "./components/monitoring.js";
import { Network } from "./components/network.js";
import { ProcessingFunction } from "./components/processingFunction.js";
import { Secret } from "./components/secret.js";
import { Stream } from "./components/stream.js";
import { CONFIG_NAMESPACE, SECRET_NAMES, type StackConfig } from "./config.js";
import { ingestionEnvironment, processingEnvironment } from "./lambdaEnvironment.js";
import { alarmNamePrefix } from "./stackNames.js";

/**
 * The stack's one secret, as a plain string or a (secret) Output; and the AUTH token from
 * before IAM authentication while the stack's config still holds it (then the deploy is step 1
 * of the move to IAM): the token itself, or `true` to read it from the stack's secret config.
 */
export interface StackSecrets {
  bavestApiKey: pulumi.Input<string>;
  legacyRedisAuthToken?: boolean | pulumi.Input<string>;
}

export interface ProgramOptions {
  /** dist/lambdas: holds ingestion/ and processing/ with their index.mjs. */
  bundleDir: string;
}

/** What the program exports; names (STACK_OUTPUTS) are part of the CLI contract (`outputs`). */
export type StackOutputs = Partial<Record<StackOutputName, pulumi.Output<unknown> | string | undefined>>;

/**
 * The inline Pulumi program for one stack. The API key comes from the caller, or else from the
 * stack's secret config (`bavest-signals:bavestApiKey`). Redis has no secret: IAM authentication.
 */
export function createProgram(
  config: StackConfig,
  secrets: StackSecrets | undefined,
  options: ProgramOptions,
): () => Promise<StackOutputs> {
  return async () => {
    const { bavestApiKey, legacyRedisAuthToken } = secrets ?? readSecretConfig();
    const stackName = pulumi.getStack();
    const tags: Tags = { project: CONFIG_NAMESPACE, stack: stackName, "managed-by": "pulumi" };
    const network = new Network("network", {
      existing: config.existingNetwork,
      withPublicSubnet: config.bastion,
      tags,
    });
    const firewall = new Firewall("firewall", { vpcId: network.vpcId, withBastion: config.bastion, tags });
    const stream = new Stream("quotes", { ...config.stream, tags });
    const apiKey = new Secret("bavest-api-key", {
      description: "Bavest API key read by the ingestion function",
      value: pulumi.secret(bavestApiKey),
      tags,
    });
    const cache = new Cache("signals", {
      ...config.cache,
      subnetIds: network.privateSubnetIds,
      securityGroupId: firewall.cacheSecurityGroupId,
      legacyAuthToken: legacyTokenOf(legacyRedisAuthToken),
      keyPrefix: config.storage.keyPrefix,
      tags,
    });
    const functionSettings = { ...config.functions, logRetentionDays: config.logRetentionDays, tags };
    const ingestion = new IngestionFunction("ingestion", {
      ...functionSettings,
      codeDir: bundlePath(options.bundleDir, "ingestion"),
      environment: ingestionEnvironment(config, { streamName: stream.name, apiKeySecretArn: apiKey.arn }),
      streamArn: stream.arn,
      apiKeySecretArn: apiKey.arn,
      schedule: config.schedule,
      slices: planForConfig(config).slices,
    });
    // The function switches to IAM tokens only once the cache accepts them (its user group
    // attached): in a move from an AUTH token the old function keeps working until then.
    const processing = new ProcessingFunction("processing", {
      ...functionSettings,
      codeDir: bundlePath(options.bundleDir, "processing"),
      environment: processingEnvironment(config, {
        redisHost: cache.primaryEndpoint,
        redisPort: cache.port.apply(String),
        redisUser: cache.userId,
        cacheName: cache.replicationGroupId,
      }),
      streamArn: stream.arn,
      subnetIds: network.privateSubnetIds,
      securityGroupId: firewall.processingSecurityGroupId,
      batch: config.batch,
      cache: { replicationGroupArn: cache.replicationGroupArn, userArn: cache.userArn },
      waitFor: [cache],
    });
    const bastion = createBastion(config, network, firewall, tags);
    const alarmPrefix = alarmNamePrefix(pulumi.getProject(), stackName);
    const monitoring = new Monitoring("monitoring", {
      [STACK_OUTPUTS.region]: config.region,
      ingestionFunctionName: ingestion.functionName,
      processingFunctionName: processing.functionName,
      streamName: stream.name,
      cacheReplicationGroupId: cache.replicationGroupId,
      cacheNodeCount: config.cache.nodeCount,
      alarmNamePrefix: alarmPrefix,
      schedule: config.schedule,
      scheduleRuleNames: ingestion.scheduleRuleNames,
      alarmsEnabled: config.alarms.enabled,
      alarmEmail: config.alarms.email,
      tags,
    });
    return withoutUndefined({
      [STACK_OUTPUTS.ingestionLambdaName]: ingestion.functionName,
      [STACK_OUTPUTS.processingLambdaName]: processing.functionName,
      [STACK_OUTPUTS.ingestionLogGroupName]: ingestion.logGroupName,
      [STACK_OUTPUTS.processingLogGroupName]: processing.logGroupName,
      [STACK_OUTPUTS.kinesisStreamName]: stream.name,
      [STACK_OUTPUTS.kinesisStreamArn]: stream.arn,
      [STACK_OUTPUTS.redisPrimaryEndpoint]: cache.primaryEndpoint,
      [STACK_OUTPUTS.redisPort]: cache.port,
      [STACK_OUTPUTS.redisUser]: cache.userId,
      [STACK_OUTPUTS.redisReplicationGroupId]: cache.replicationGroupId,
      [STACK_OUTPUTS.bastionInstanceId]: bastion?.instanceId,
      [STACK_OUTPUTS.failureBucketName]: processing.failureBucketName,
      [STACK_OUTPUTS.bavestApiKeySecretArn]: apiKey.arn,
      [STACK_OUTPUTS.dashboardName]: monitoring.dashboardName,
      [STACK_OUTPUTS.alarmTopicArn]: monitoring.alarmTopicArn,
      // Exported with alarms off too: status then finds none under it, which is the truth.
      [STACK_OUTPUTS.alarmNamePrefix]: alarmPrefix,
      [STACK_OUTPUTS.ingestionSchedule]: config.schedule,
      [STACK_OUTPUTS.redisAuthMode]: cache.authMode,
      region: config.region,
    });
  };
}

/** An undefined stack output only earns an engine warning: leave it out instead. */
function withoutUndefined(outputs: StackOutputs): StackOutputs {
  return Object.fromEntries(Object.entries(outputs).filter(([, value]) => value !== undefined));
}

function createBastion(
  config: StackConfig,
  network: Network,
  firewall: Firewall,
  tags: Tags,
): Bastion | undefined {
  const subnetId = network.publicSubnetId;
  const securityGroupId = firewall.bastionSecurityGroupId;
  if (!config.bastion || subnetId === undefined || securityGroupId === undefined) return undefined;
  return new Bastion("tunnel", { subnetId, securityGroupId, region: config.region, tags });
}

/** Secrets from the stack's encrypted config, for runs through the Automation API. */
function readSecretConfig(): StackSecrets {
  const stackConfig = new pulumi.Config(CONFIG_NAMESPACE);
  return {
    bavestApiKey: stackConfig.requireSecret(SECRET_NAMES.bavestApiKey),
    legacyRedisAuthToken: stackConfig.getSecret(SECRET_NAMES.redisAuthToken),
  };
}

/** The old AUTH token as the cache takes it: read from the secret config when only flagged. */
function legacyTokenOf(given: StackSecrets["legacyRedisAuthToken"]): pulumi.Input<string> | undefined {
  if (given === undefined || given === false) return undefined;
  if (given === true) return new pulumi.Config(CONFIG_NAMESPACE).requireSecret(SECRET_NAMES.redisAuthToken);
  return given;
}
