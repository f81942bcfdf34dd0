import { CliError, UsageError } from "../lib/errors.js";
import { bindAndRelease, canConnect } from "../lib/ports.js";

const LOOPBACK = "127.0.0.1";
const PROBE_INTERVAL_MS = 100;

/**
 * The local port for the tunnel: the one asked for, checked to be free (otherwise the readiness
 * probe would succeed against whatever already listens there), or one the OS picks.
 */
export async function chooseLocalPort(requested?: number): Promise<number> {
  if (requested === undefined) return bindAndRelease(0);
  try {
    return await bindAndRelease(requested);
  } catch (error) {
    throw new UsageError(`Port ${requested} on ${LOOPBACK} is already in use.`, {
      hint: "Pick another with --port, or leave --port out to use any free port.",
      cause: error,
    });
  }
}

/** Why waiting for the port stopped early: the plugin died, or the user interrupted. */
export interface WaitGuards {
  /** Rejects (with the error to report) when waiting is pointless. */
  failed: Promise<never>;
  timeoutMs: number;
}

/** Resolves once 127.0.0.1:port accepts a TCP connection; rejects on timeout or a guard. */
export async function waitUntilAccepting(port: number, guards: WaitGuards): Promise<void> {
  const deadline = Date.now() + guards.timeoutMs;
  let stop = false;
  const poll = async () => {
    while (!stop) {
      if (await canConnect(port, LOOPBACK)) return;
      if (Date.now() > deadline) {
        throw new CliError(`The tunnel did not open ${LOOPBACK}:${port} within ${guards.timeoutMs} ms.`, {
          hint: "Run again with --verbose to see the Session Manager plugin's output.",
        });
      }
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    }
  };
  try {
    await Promise.race([poll(), guards.failed]);
  } finally {
    stop = true;
  }
}
