import { EventEmitter } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createOutput } from "../../src/lib/output.js";
import type { TunnelDeps } from "../../src/tunnel/openTunnel.js";
import type { StartSessionRequest, TunnelTarget } from "../../src/tunnel/types.js";
import { eventually as pollUntil } from "./eventually.js";

/** The stand-in plugin script (same argument shape as session-manager-plugin). */
export const FAKE_SSM_PLUGIN = fileURLToPath(new URL("./fakeSsmPlugin.mjs", import.meta.url));

/** An ElastiCache-like name: the TLS certificate is made for it, the bytes go to 127.0.0.1. */
export const FAKE_ENDPOINT = "master.bavest-dev.abc123.euc1.cache.amazonaws.com";

export function fakeTarget(redisPort: number, authToken: string): TunnelTarget {
  return {
    bastionInstanceId: "i-0123456789abcdef0",
    redisHost: FAKE_ENDPOINT,
    redisPort,
    region: "eu-central-1",
    authToken,
  };
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
