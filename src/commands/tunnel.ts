import { Command } from "commander";
import { type ContextIo, contextFor } from "../lib/context.js";
import { UsageError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import { workDirOption } from "../lib/workDirOption.js";
import type { TunnelDeps } from "../tunnel/openTunnel.js";
import type { TunnelConnection, TunnelTarget } from "../tunnel/types.js";

/** Turns a stack name into the tunnel's target (stack outputs plus the AUTH token). */
export type TunnelTargetResolver = (stack: string, env: NodeJS.ProcessEnv) => Promise<TunnelTarget>;

export interface TunnelCommandDeps {
  resolveTarget?: TunnelTargetResolver;
  /** The AWS side of the tunnel; real SSM and EC2 clients by default. */
  tunnelDeps?: (target: TunnelTarget, output: Output, env: NodeJS.ProcessEnv) => Promise<TunnelDeps>;
}

async function awsTunnelDeps(
  target: TunnelTarget,
  output: Output,
  env: NodeJS.ProcessEnv,
): Promise<TunnelDeps> {
  const { createAwsTunnelApis } = await import("../tunnel/awsApis.js");
  const apis = await createAwsTunnelApis(target.region);
  return { ...apis, output, env };
}

export interface TunnelInfo {
  stack: string;
  host: "127.0.0.1";
  port: number;
  tls: true;
  /** The name to check the certificate against (SNI), the ElastiCache endpoint. */
  servername: string;
  username: "default";
  redisCli: string;
  /** Where the password (the AUTH token) lives; it is never printed. */
  passwordConfigKey: string;
}

export function tunnelInfo(
  stack: string,
  connection: TunnelConnection,
  passwordConfigKey: string,
): TunnelInfo {
  const { port, tls } = connection.redisOptions;
  return {
    stack,
    host: "127.0.0.1",
    port,
    tls: true,
    servername: tls.servername,
    username: "default",
    redisCli: `redis-cli -h 127.0.0.1 -p ${port} --tls --sni ${tls.servername} --user default --askpass`,
    passwordConfigKey,
  };
}

export function renderTunnelInfo(info: TunnelInfo): string {
  return [
    `Tunnel open: 127.0.0.1:${info.port} -> ${info.servername} (stack "${info.stack}").`,
    `  redis-cli:    ${info.redisCli}`,
    `  RedisInsight: host 127.0.0.1, port ${info.port}, username default, TLS on, SNI ${info.servername}`,
    `  password:     the AUTH token: pulumi config get ${info.passwordConfigKey} --stack ${info.stack}`,
    "Press Ctrl-C to close the tunnel.",
  ].join("\n");
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 1 to 65535 (got "${value}").`);
  }
  return port;
}

export function tunnelCommand(io: ContextIo, deps: TunnelCommandDeps = {}): Command {
  return new Command("tunnel")
    .description("open a Session Manager tunnel to the stack's Redis and keep it open until Ctrl-C")
    .option("--port <port>", "local port to listen on (default: any free port)", parsePort)
    .addOption(workDirOption())
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const { stack } = context.options;
      if (context.options.local) {
        throw new UsageError("The local pipeline needs no tunnel.", {
          hint: "Its Redis URL is in: bavest-signals outputs --local",
        });
      }
      const { workDir } = this.opts<{ workDir?: string }>();
      const resolveTarget = deps.resolveTarget ?? (await realTunnelTarget(workDir));
      const target = await resolveTarget(stack, context.env);
      const { openTunnel } = await import("../tunnel/openTunnel.js");
      const { REDIS_AUTH_TOKEN_KEY } = await import("../tunnel/target.js");
      const { tunnelEndError } = await import("../tunnel/errors.js");
      const tunnelDeps = await (deps.tunnelDeps ?? awsTunnelDeps)(target, context.output, context.env);
      const port = this.opts<{ port?: number }>().port;
      const connection = await openTunnel(
        target,
        { stack, localPort: port, exitOnSignal: false },
        tunnelDeps,
      );
      const info = tunnelInfo(stack, connection, REDIS_AUTH_TOKEN_KEY);
      context.output.result(info, () => renderTunnelInfo(info));
      const end = await connection.ended;
      const error = tunnelEndError(end, stack);
      if (error) throw error;
    });
}

/** The stack's bastion, Redis endpoint and AUTH token, read through the Automation API. */
async function realTunnelTarget(workDir: string | undefined): Promise<TunnelTargetResolver> {
  const { cloudTunnelTarget } = await import("../cloud/targets.js");
  return cloudTunnelTarget({ interactive: process.stdin.isTTY === true, workDir });
}
