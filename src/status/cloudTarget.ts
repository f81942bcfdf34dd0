import type { Redis } from "ioredis";
import { stackRegion } from "../cloud/outputs.js";
import { redisKeys } from "../core/redisKeys.js";
import type { Output } from "../lib/output.js";
import type { TunnelDeps } from "../tunnel/openTunnel.js";
import type { TunnelConnection } from "../tunnel/types.js";
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

/**
 * Redis through a tunnel (bastion, AUTH token from the stack's secret config), opened at the
 * first read and kept for the next ones (`status --watch`), reopened only when it ended.
 */
export function tunnelRedisReader(
  stack: string,
  outputs: Record<string, unknown>,
  config: Record<string, { value: string }>,
  output: Output,
  env: NodeJS.ProcessEnv,
  reach: {
    tunnelDeps?: (region: string) => Promise<Omit<TunnelDeps, "output" | "env">>;
    /** Extra certificate authorities to trust (a private CA; ElastiCache's is public). */
    ca?: string;
  } = {},
) {
  const keys = redisKeys(config[CONFIG.keyPrefix]?.value || "bavest");
  let open: Promise<{ redis: Redis; connection: TunnelConnection }> | undefined;
  const connect = async () => {
    const [{ tunnelTargetFromOutputs }, { openTunnel }, { Redis: RedisClient }] = await Promise.all([
      import("../tunnel/target.js"),
      import("../tunnel/openTunnel.js"),
      import("ioredis"),
    ]);
    const target = tunnelTargetFromOutputs(stack, outputs, config[CONFIG.redisAuthToken]?.value);
    // status --watch handles Ctrl-C itself and closes the tunnel through close().
    const connection = await openTunnel(
      target,
      { stack, exitOnSignal: false },
      { ...(await (reach.tunnelDeps ?? awsTunnelApis)(target.region)), output, env },
    );
    // A broken tunnel should fail the read, not retry for ever.
    const { tls, ...rest } = connection.redisOptions;
    const redis = new RedisClient({
      ...rest,
      tls: { ...tls, ...(reach.ca ? { ca: reach.ca } : {}) },
      maxRetriesPerRequest: 1,
    });
    redis.on("error", (error: Error) => output.debug(`redis: ${error.message}`));
    void connection.ended.then(() => {
      redis.disconnect();
      open = undefined;
    });
    return { redis, connection };
  };
  return {
    async read(now: number) {
      open ??= connect();
      const pending = open;
      try {
        return await readRedisFacts((await pending).redis, keys, now);
      } catch (error) {
        // The next read starts over with a new tunnel.
        if (open === pending) open = undefined;
        await pending.then(
          ({ redis, connection }) => {
            redis.disconnect();
            return connection.close();
          },
          () => {},
        );
        throw error;
      }
    },
    async close() {
      const current = open;
      open = undefined;
      const opened = await current?.catch(() => undefined);
      opened?.redis.disconnect();
      await opened?.connection.close();
    },
  };
}

async function awsTunnelApis(region: string) {
  const { createAwsTunnelApis } = await import("../tunnel/awsApis.js");
  return createAwsTunnelApis(region);
}

/**
 * The real cloud target: outputs and config through the Automation API, CloudWatch,
 * CloudWatch Logs and Kinesis clients in the stack's region, Redis through the tunnel.
 */
export const defaultCloudTarget: ResolveCloudTarget = async (stack, env, output) => {
  const { loadStackAccess } = await import("../cloud/stackAccess.js");
  const { outputs, config } = await loadStackAccess(stack, env, {
    interactive: process.stdin.isTTY === true,
    localAlternative: true,
    configOptional: true,
  });
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
  const redisReader = tunnelRedisReader(stack, outputs, config, output, env);
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
    readRedis: (now) => redisReader.read(now),
    close: async () => {
      await redisReader.close();
      cloudwatch.destroy();
      logs.destroy();
      kinesis.destroy();
    },
  };
};
