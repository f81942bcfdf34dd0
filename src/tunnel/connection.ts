import type { PluginProcess } from "./plugin.js";
import type { TunnelConnection, TunnelEnd, TunnelRedisOptions, TunnelTarget } from "./types.js";

/** ioredis options for the local end: TLS checked against the ElastiCache name (credentials are added by the caller). */
export function redisOptionsFor(target: TunnelTarget, localPort: number): TunnelRedisOptions {
  return {
    host: "127.0.0.1",
    port: localPort,
    tls: { servername: target.redisHost },
    disableClientInfo: true,
  };
}

/**
 * Wraps a ready tunnel: one teardown whatever ends it first (`close()`, the plugin dying, a
 * stop signal), and `ended` telling which. `exitOnSignal` raises the signal again afterwards so
 * the process ends as it would have without our listener.
 */
export function trackConnection(
  parts: { target: TunnelTarget; localPort: number; plugin: PluginProcess; sessionId: string },
  teardown: () => Promise<void>,
) {
  let resolveEnded: (end: TunnelEnd) => void = () => {};
  const ended = new Promise<TunnelEnd>((resolve) => {
    resolveEnded = resolve;
  });
  let closing: Promise<void> | undefined;
  const shutdown = (end: TunnelEnd): Promise<void> => {
    closing ??= teardown().then(() => resolveEnded(end));
    return closing;
  };
  void parts.plugin.exited.then(({ exitCode, output }) =>
    shutdown({ reason: "plugin-exited", exitCode, output }),
  );
  const connection: TunnelConnection = {
    localPort: parts.localPort,
    redisOptions: redisOptionsFor(parts.target, parts.localPort),
    pluginPid: parts.plugin.pid,
    sessionId: parts.sessionId,
    ended,
    close: () => shutdown({ reason: "closed" }),
  };
  return {
    watch(received: Promise<NodeJS.Signals>, exitOnSignal: boolean): TunnelConnection {
      void received.then(async (signal) => {
        await shutdown({ reason: "signal", signal });
        if (exitOnSignal) process.kill(process.pid, signal);
      });
      return connection;
    },
  };
}
