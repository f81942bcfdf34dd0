import { connect, createServer } from "node:net";
import { CliError, UsageError } from "../lib/errors.js";

const LOOPBACK = "127.0.0.1";
const PROBE_INTERVAL_MS = 100;

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, LOOPBACK, () => {
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * The local port for the tunnel: the one asked for, checked to be free (otherwise the readiness
 * probe would succeed against whatever already listens there), or one the OS picks.
 */
export async function chooseLocalPort(requested?: number): Promise<number> {
  if (requested === undefined) return listenOnce(0);
  try {
    return await listenOnce(requested);
  } catch (error) {
    throw new UsageError(`Port ${requested} on ${LOOPBACK} is already in use.`, {
      hint: "Pick another with --port, or leave --port out to use any free port.",
      cause: error,
    });
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, LOOPBACK);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
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
      if (await accepts(port)) return;
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
