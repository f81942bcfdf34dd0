import { errorMessage, InterruptedError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import { createStopSignal, type SignalSource, STOP_SIGNALS_AND_HANGUP } from "../lib/stopSignal.js";
import { type BastionWaitOptions, ensureBastionReady } from "./bastion.js";
import { CleanupStack } from "./cleanup.js";
import { trackConnection } from "./connection.js";
import { pluginExitedError, startSessionError } from "./errors.js";
import { chooseLocalPort, waitUntilAccepting } from "./localPort.js";
import { findPlugin, killPluginNow, type PluginProcess, startPlugin } from "./plugin.js";
import { buildPluginArgs, buildStartSessionRequest } from "./sessionArgs.js";
import type { BastionApi, PluginCommand, SessionApi, TunnelConnection, TunnelTarget } from "./types.js";

export interface TunnelOptions {
  /** The stack name, for the commands error messages suggest. */
  stack: string;
  /** Local port to listen on; any free one when left out. */
  localPort?: number;
  /** How long the plugin may take to open the local port. */
  readyTimeoutMs?: number;
  /**
   * After a stop signal has closed the tunnel, raise it again so the process ends as it would
   * have without us (default). Callers that watch `ended` themselves pass false.
   */
  exitOnSignal?: boolean;
}

export interface TunnelDeps {
  session: SessionApi;
  /** Checks and wakes the bastion first; left out, the bastion is assumed ready. */
  bastion?: BastionApi;
  bastionWait?: Pick<BastionWaitOptions, "pollIntervalMs" | "maxPolls" | "sleep">;
  /** The plugin program; found on PATH when left out. */
  plugin?: PluginCommand;
  output: Output;
  /** Environment for the plugin and for finding it; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  signals?: SignalSource;
}

const DEFAULT_READY_TIMEOUT_MS = 30_000;
const TERMINATE_TIMEOUT_MS = 5_000;

async function terminateQuietly(deps: TunnelDeps, sessionId: string): Promise<void> {
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, TERMINATE_TIMEOUT_MS).unref());
  await Promise.race([deps.session.terminateSession(sessionId), timeout]);
}

/** Starts the session and the plugin carrying it; each step registers its own undo first. */
async function startForwarding(
  target: TunnelTarget,
  localPort: number,
  context: {
    options: TunnelOptions;
    deps: TunnelDeps;
    env: NodeJS.ProcessEnv;
    cleanup: CleanupStack;
    pluginCommand: PluginCommand;
  },
): Promise<{ plugin: PluginProcess; sessionId: string }> {
  const { options, deps, env, cleanup } = context;
  const request = buildStartSessionRequest(target, localPort);
  const response = await deps.session.startSession(request).catch((error: unknown) => {
    throw startSessionError(error, target, options.stack);
  });
  cleanup.push(() => terminateQuietly(deps, response.SessionId));
  const args = buildPluginArgs({ response, request, region: target.region, profile: env.AWS_PROFILE });
  const plugin = await startPlugin(context.pluginCommand, args, {
    env,
    onOutput: (text) => deps.output.debug(text.trimEnd()),
  });
  cleanup.push(() => plugin.stop());
  const exitGuard = () => killPluginNow(plugin.pid);
  process.on("exit", exitGuard);
  cleanup.push(() => void process.off("exit", exitGuard));
  return { plugin, sessionId: response.SessionId };
}

/**
 * Opens a Session Manager port-forwarding tunnel from 127.0.0.1 to the stack's Redis through
 * the bastion, the way the AWS CLI does, and resolves once the local port accepts connections.
 * Everything started is undone on failure, on `close()`, on a stop signal and when the plugin dies.
 */
export async function openTunnel(
  target: TunnelTarget,
  options: TunnelOptions,
  deps: TunnelDeps,
): Promise<TunnelConnection> {
  const env = deps.env ?? process.env;
  const signalSource = deps.signals ?? process;
  const cleanup = new CleanupStack();
  const onCleanupError = (error: unknown) => deps.output.debug(`tunnel cleanup: ${errorMessage(error)}`);
  let plugin: PluginProcess | undefined;
  // A closed terminal tears the tunnel down too. A second signal while cleaning up kills the
  // plugin at once; what is left (ending the session) is bounded by TERMINATE_TIMEOUT_MS, after
  // which the command ends with exit code 130 from the InterruptedError of the first signal.
  const signals = createStopSignal({ source: signalSource, signals: STOP_SIGNALS_AND_HANGUP });
  void signals.forced.then(() => {
    if (plugin) killPluginNow(plugin.pid);
  });
  const interrupted: Promise<never> = signals.requested.then((signal) => {
    throw new InterruptedError(`Interrupted (${signal}) while opening the tunnel.`);
  });
  interrupted.catch(() => {});
  try {
    const pluginCommand = deps.plugin ?? findPlugin(env);
    if (deps.bastion) {
      await ensureBastionReady(target.bastionInstanceId, {
        ...deps.bastionWait,
        api: deps.bastion,
        output: deps.output,
        stack: options.stack,
        interrupted,
      });
    }
    const localPort = await chooseLocalPort(options.localPort);
    const forwarding = await startForwarding(target, localPort, {
      options,
      deps,
      env,
      cleanup,
      pluginCommand,
    });
    plugin = forwarding.plugin;
    const started = forwarding.plugin;
    const died = started.exited.then(({ exitCode, output }): never => {
      throw pluginExitedError(exitCode, output, options.stack);
    });
    died.catch(() => {});
    await waitUntilAccepting(localPort, {
      failed: Promise.race([died, interrupted]),
      timeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    });
    deps.output.debug(`tunnel: 127.0.0.1:${localPort} -> ${target.redisHost}:${target.redisPort}`);
    // Only signals make requests here (nothing calls `request`), so the reason is a signal name.
    const received = signals.requested as Promise<NodeJS.Signals>;
    return trackConnection({ target, localPort, ...forwarding }, () =>
      cleanup.runAll(onCleanupError).finally(() => signals.dispose()),
    ).watch(received, (options.exitOnSignal ?? true) && signalSource === process);
  } catch (error) {
    await cleanup.runAll(onCleanupError);
    signals.dispose();
    throw error;
  }
}
