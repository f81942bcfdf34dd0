import { InterruptedError } from "../lib/errors.js";
import { tunnelEndError } from "./errors.js";
import { openTunnel, type TunnelDeps, type TunnelOptions } from "./openTunnel.js";
import type { TunnelConnection, TunnelTarget } from "./types.js";

/**
 * Opens the tunnel, runs `use` with it and always closes it. A stop signal or a dying plugin
 * while `use` runs rejects with the matching error (InterruptedError for Ctrl-C).
 */
export async function withTunnel<T>(
  target: TunnelTarget,
  options: Omit<TunnelOptions, "exitOnSignal">,
  deps: TunnelDeps,
  use: (connection: TunnelConnection) => Promise<T>,
): Promise<T> {
  const connection = await openTunnel(target, { ...options, exitOnSignal: false }, deps);
  const endedEarly = connection.ended.then((end): never => {
    throw tunnelEndError(end, options.stack) ?? new InterruptedError("The tunnel closed.");
  });
  try {
    return await Promise.race([use(connection), endedEarly]);
  } finally {
    endedEarly.catch(() => {});
    await connection.close();
  }
}
