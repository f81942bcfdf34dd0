import { Command } from "commander";
import type { StackAccess } from "../cloud/stackAccess.js";
import type { StackTunnel, TunnelApis } from "../cloud/stackRedis.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import { UsageError } from "../lib/errors.js";
import { workDirOption } from "../lib/workDirOption.js";
import { SECRET_KEYS } from "../stack/configFields.js";

/** Turns a stack name into what reaching its Redis needs (outputs, region, credentials). */
export type StackAccessResolver = (stack: string, env: NodeJS.ProcessEnv) => Promise<StackAccess>;

export interface TunnelCommandDeps {
  resolveAccess?: StackAccessResolver;
  /** The AWS side of the tunnel; real SSM and EC2 clients by default. */
  tunnelApis?: TunnelApis;
}

export interface TunnelInfo {
  stack: string;
  host: "127.0.0.1";
  port: number;
  tls: true;
  /** The name to check the certificate against (SNI), the ElastiCache endpoint. */
  servername: string;
  username: string;
  redisCli: string;
  /**
   * `iam`: the password is a token signed with your own AWS credentials, valid 15 minutes for
   * new connections (printed in the text output only); `token`: a stack's old AUTH token.
   */
  auth: "iam" | "token";
}

export function tunnelInfo(
  stack: string,
  tunnel: Pick<StackTunnel, "connection" | "credentials">,
): TunnelInfo {
  const { port, tls } = tunnel.connection.redisOptions;
  const { username, kind } = tunnel.credentials;
  return {
    stack,
    host: "127.0.0.1",
    port,
    tls: true,
    servername: tls.servername,
    username,
    redisCli: `redis-cli -h 127.0.0.1 -p ${port} --tls --sni ${tls.servername} --user ${username} --askpass`,
    auth: kind,
  };
}

export function renderTunnelInfo(info: TunnelInfo, password?: string): string {
  const passwordLine =
    info.auth === "iam"
      ? `  password:     an IAM token for ${info.username}, valid 15 minutes for new connections:\n                ${password ?? ""}`
      : `  password:     the stack's old AUTH token: pulumi config get ${SECRET_KEYS.redisAuthToken} --stack ${info.stack}`;
  return [
    `Tunnel open: 127.0.0.1:${info.port} -> ${info.servername} (stack "${info.stack}").`,
    `  redis-cli:    ${info.redisCli}`,
    `  RedisInsight: host 127.0.0.1, port ${info.port}, username ${info.username}, TLS on, SNI ${info.servername}`,
    passwordLine,
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
      const resolveAccess = deps.resolveAccess ?? (await realStackAccess(workDir));
      const access = await resolveAccess(stack, context.env);
      const [{ openStackTunnel }, { tunnelEndError }] = await Promise.all([
        import("../cloud/stackRedis.js"),
        import("../tunnel/errors.js"),
      ]);
      const port = this.opts<{ port?: number }>().port;
      const tunnel = await openStackTunnel(
        access,
        { output: context.output, env: context.env, localPort: port },
        { tunnelApis: deps.tunnelApis },
      );
      const info = tunnelInfo(stack, tunnel);
      // The token is the caller's own short-lived credential: shown on a terminal, never in --json.
      context.output.result(info, () => renderTunnelInfo(info, tunnel.credentials.password));
      const end = await tunnel.connection.ended;
      const error = tunnelEndError(end, stack);
      if (error) throw error;
    });
}

/** The stack's outputs and Redis credentials, read through the Automation API. */
async function realStackAccess(workDir: string | undefined): Promise<StackAccessResolver> {
  const { cloudStackAccess } = await import("../cloud/targets.js");
  return cloudStackAccess({ interactive: process.stdin.isTTY === true, workDir });
}
