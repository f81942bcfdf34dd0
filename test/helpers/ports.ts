import { freeLoopbackPort, waitForListener } from "../../src/lib/ports.js";

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export const freePort = freeLoopbackPort;

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  await waitForListener(port, { timeoutMs });
}

/** True while a process with this PID exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
