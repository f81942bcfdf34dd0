import { stackRegion } from "../cloud/outputs.js";
import { redisKeys } from "../core/redisKeys.js";
import type { Output } from "../lib/output.js";
import type { Engine } from "../stack/engine/types.js";
import type { CloudStatusTarget } from "./cloudSource.js";
import { readRedisFacts } from "./redisFacts.js";

/** Turns a stack name into what `status` and `logs` read; tests hand in mocked clients. */
export type ResolveCloudTarget = (
  stack: string,
  env: NodeJS.ProcessEnv,
  output: Output,
) => Promise<CloudStatusTarget>;

const CONFIG = {
  schedule: "bavest-signals:schedule",
  keyPrefix: "bavest-signals:keyPrefix",
  redisAuthToken: "bavest-signals:redisAuthToken",
} as const;

async function openStack(
  stack: string,
  env: NodeJS.ProcessEnv,
): Promise<{ engine: Engine; outputs: Record<string, unknown> }> {
  const { workspaceEngineOpener } = await import("../stack/workspaceEngine.js");
  const { getStackOutputs } = await import("../cloud/outputs.js");
  let engine: Engine | undefined;
  const opener = workspaceEngineOpener({
    env,
    interactive: process.stdin.isTTY === true,
    localAlternative: true,
  });
  const outputs = await getStackOutputs(stack, {
    openEngine: async (name, mode) => {
      engine = await opener(name, mode);
      return engine;
    },
  });
  return { engine: engine as Engine, outputs };
}

/** Redis through a fresh tunnel (bastion, AUTH token from the stack's secret config). */
function tunnelRedisReader(
  stack: string,
  outputs: Record<string, unknown>,
  config: Record<string, { value: string }>,
  output: Output,
  env: NodeJS.ProcessEnv,
) {
  return async (now: number) => {
    const { tunnelTargetFromOutputs } = await import("../tunnel/target.js");
    const target = tunnelTargetFromOutputs(stack, outputs, config[CONFIG.redisAuthToken]?.value);
    const { createAwsTunnelApis } = await import("../tunnel/awsApis.js");
    const { withTunnelRedis } = await import("../tunnel/tunnelRedis.js");
    const apis = await createAwsTunnelApis(target.region);
    const keys = redisKeys(config[CONFIG.keyPrefix]?.value || "bavest");
    return withTunnelRedis(target, { stack }, { ...apis, output, env }, (redis) =>
      readRedisFacts(redis, keys, now),
    );
  };
}

/**
 * The real cloud target: outputs and config through the Automation API, CloudWatch,
 * CloudWatch Logs and Kinesis clients in the stack's region, Redis through the tunnel.
 */
export const defaultCloudTarget: ResolveCloudTarget = async (stack, env, output) => {
  const { engine, outputs } = await openStack(stack, env);
  const config = await engine.getAllConfig().catch(() => ({}) as Record<string, { value: string }>);
  const region = stackRegion(outputs, env) ?? "us-east-1";
  const [{ CloudWatchClient }, { CloudWatchLogsClient }, kinesisModule] = await Promise.all([
    import("@aws-sdk/client-cloudwatch"),
    import("@aws-sdk/client-cloudwatch-logs"),
    import("@aws-sdk/client-kinesis"),
  ]);
  const cloudwatch = new CloudWatchClient({ region });
  const logs = new CloudWatchLogsClient({ region });
  const kinesis = new kinesisModule.KinesisClient({ region });
  const streamName = typeof outputs.kinesis_stream_name === "string" ? outputs.kinesis_stream_name : "";
  const schedule = config[CONFIG.schedule]?.value;
  return {
    stack,
    outputs,
    ...(schedule ? { schedule } : {}),
    cloudwatch,
    logs,
    shardCount: async () => {
      const summary = await kinesis.send(
        new kinesisModule.DescribeStreamSummaryCommand({ StreamName: streamName }),
      );
      return summary.StreamDescriptionSummary?.OpenShardCount ?? null;
    },
    readRedis: tunnelRedisReader(stack, outputs, config, output, env),
    close: async () => {
      cloudwatch.destroy();
      logs.destroy();
      kinesis.destroy();
    },
  };
};
