import { connect, createServer } from "node:net";

/**
 * Listens on 127.0.0.1:port (0: one the OS picks) and closes again at once; resolves the port
 * that was bound, rejects when it is taken.
 */
export function bindAndRelease(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freeLoopbackPort(): Promise<number> {
  return bindAndRelease(0);
}

/** True when host:port accepts a TCP connection now. */
export function canConnect(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Resolves once something accepts TCP connections on host:port; `isGone` lets the caller stop
 * waiting early when the process meant to listen has already exited.
 */
export async function waitForListener(
  port: number,
  options: { host?: string; timeoutMs?: number; isGone?: () => boolean } = {},
): Promise<void> {
  const host = options.host ?? "127.0.0.1";
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    if (await canConnect(port, host)) return;
    if (options.isGone?.()) throw new Error(`the process meant to listen on ${host}:${port} exited`);
    if (Date.now() > deadline) throw new Error(`nothing listens on ${host}:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
