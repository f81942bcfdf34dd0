import { EventEmitter } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { RedisCredentialDeps } from "../../src/cloud/redisCredentials.js";
import { type StackAccess, stackAccessFrom } from "../../src/cloud/stackAccess.js";
import type { StackRedisReach } from "../../src/cloud/stackRedis.js";
import { createOutput } from "../../src/lib/output.js";
import type { TunnelDeps } from "../../src/tunnel/openTunnel.js";
import type { StartSessionRequest, TunnelTarget } from "../../src/tunnel/types.js";
import { eventually as pollUntil } from "./eventually.js";

/** The stand-in plugin script (same argument shape as session-manager-plugin). */
export const FAKE_SSM_PLUGIN = fileURLToPath(new URL("./fakeSsmPlugin.mjs", import.meta.url));

/** An ElastiCache-like name: the TLS certificate is made for it, the bytes go to 127.0.0.1. */
export const FAKE_ENDPOINT = "master.bavest-dev.abc123.euc1.cache.amazonaws.com";

export function fakeTarget(redisPort: number): TunnelTarget {
  return {
    bastionInstanceId: "i-0123456789abcdef0",
    redisHost: FAKE_ENDPOINT,
    redisPort,
    region: "eu-central-1",
  };
}

/** A deployed stack's access as loadStackAccess reads it: outputs naming the stand-in, config with a token. */
export function fakeAccess(
  redisPort: number,
  authToken: string | undefined,
  extra: { outputs?: Record<string, unknown>; credentials?: RedisCredentialDeps } = {},
): StackAccess {
  const outputs = {
    redis_primary_endpoint: FAKE_ENDPOINT,
    redis_port: redisPort,
    bastion_instance_id: "i-0123456789abcdef0",
    region: "eu-central-1",
    ...extra.outputs,
  };
  const config: Record<string, { value: string; secret: boolean }> = authToken
    ? { "bavest-signals:redisAuthToken": { value: authToken, secret: true } }
    : {};
  return stackAccessFrom("dev", outputs, config, {}, extra.credentials);
}

/** The tunnel's AWS side from a stand-in, as openStackTunnel takes it. */
export function fakeReach(fake: FakeSsm, ca?: string): StackRedisReach {
  const { session, plugin, signals, env } = fake.deps;
  return { tunnelApis: async () => ({ session, plugin, signals, env }), ...(ca ? { ca } : {}) };
}

export interface FakeSsm {
  deps: TunnelDeps;
  /** Emit "SIGINT" here to play Ctrl-C without signalling the test process. */
  signals: EventEmitter;
  started: StartSessionRequest[];
  terminated: string[];
  /** What the plugin printed on stderr/stdout (through the verbose output). */
  log(): string;
  /** The plugin's argv as it received it, once it started. */
  pluginArgs(): string[] | undefined;
  /** The plugin's PID, once it started. */
  pluginPid(): number | undefined;
  remove(): void;
}

/** Deps for openTunnel with a fake StartSession and the stand-in plugin forwarding to 127.0.0.1. */
export function fakeSsm(pluginEnv: Record<string, string> = {}): FakeSsm {
  const dir = mkdtempSync(join(tmpdir(), "bavest-fake-ssm-"));
  const argsFile = join(dir, "args.json");
  const pidFile = join(dir, "pid");
  const signals = new EventEmitter();
  const started: StartSessionRequest[] = [];
  const terminated: string[] = [];
  let log = "";
  const sink = new Writable({
    write(chunk, _encoding, done) {
      log += String(chunk);
      done();
    },
  });
  const deps: TunnelDeps = {
    session: {
      async startSession(request) {
        started.push(request);
        return {
          SessionId: `s-${started.length}`,
          StreamUrl: "wss://ssmmessages.example/s",
          TokenValue: "t0k",
        };
      },
      async terminateSession(sessionId) {
        terminated.push(sessionId);
      },
    },
    plugin: { command: process.execPath, leadingArgs: [FAKE_SSM_PLUGIN] },
    output: createOutput({ verbose: true, stdout: sink, stderr: sink, env: {} }),
    env: {
      PATH: process.env.PATH,
      FAKE_SSM_PLUGIN_CONNECT_HOST: "127.0.0.1",
      FAKE_SSM_PLUGIN_ARGS_FILE: argsFile,
      FAKE_SSM_PLUGIN_PID_FILE: pidFile,
      ...pluginEnv,
    },
    signals,
  };
  return {
    deps,
    signals,
    started,
    terminated,
    log: () => log,
    pluginArgs: () => (existsSync(argsFile) ? JSON.parse(readFileSync(argsFile, "utf8")) : undefined),
    pluginPid: () => (existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8")) || undefined : undefined),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Resolves once `check` holds, polling often; for waiting on files a child process writes. */
export async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  await pollUntil(async () => check(), Boolean, { timeoutMs, intervalMs: 25 });
}
