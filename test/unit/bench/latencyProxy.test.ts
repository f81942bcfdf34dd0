import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type LatencyProxy, startLatencyProxy } from "../../../bench/latencyProxy.js";

/** A TCP server on 127.0.0.1 that sends every byte straight back. */
async function startEcho(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { server, port: typeof address === "object" && address ? address.port : 0 };
}

async function connectTo(port: number): Promise<Socket> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  return socket;
}

/** Resolves with everything received once `length` bytes have arrived. */
function receive(socket: Socket, length: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  return new Promise((resolve, reject) => {
    socket.on("error", reject);
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= length) resolve(Buffer.concat(chunks));
    });
  });
}

describe("latency proxy", () => {
  let echo: { server: Server; port: number } | undefined;
  let proxy: LatencyProxy | undefined;

  afterEach(async () => {
    await proxy?.stop();
    await new Promise((resolve) => (echo ? echo.server.close(resolve) : resolve(undefined)));
    proxy = undefined;
    echo = undefined;
  });

  it("passes every byte through both directions in the order it was written", async () => {
    // prepare
    echo = await startEcho();
    proxy = await startLatencyProxy({ targetPort: echo.port, delayMs: 0.5 });
    const client = await connectTo(proxy.port);
    const writes = Array.from({ length: 300 }, (_, i) => Buffer.from(`${i};`.repeat((i % 13) + 1)));
    const expected = Buffer.concat(writes);
    // act
    const echoed = receive(client, expected.length);
    for (const chunk of writes) client.write(chunk);
    const received = await echoed;
    client.destroy();
    // assess
    expect(received.equals(expected)).toBe(true);
  });

  it("ends the connection to the client once the server has closed its side", async () => {
    // prepare: a server that answers once and hangs up
    const server = createServer((socket) => socket.end("bye"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    proxy = await startLatencyProxy({
      targetPort: typeof address === "object" && address ? address.port : 0,
      delayMs: 0.5,
    });
    const client = await connectTo(proxy.port);
    // act
    const chunks: Buffer[] = [];
    client.on("data", (chunk: Buffer) => chunks.push(chunk));
    await once(client, "end");
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
    // assess
    expect(Buffer.concat(chunks).toString()).toBe("bye");
  });

  it("closes its connections and stops listening when stopped by its handle", async () => {
    // prepare
    echo = await startEcho();
    proxy = await startLatencyProxy({ targetPort: echo.port, delayMs: 0.5 });
    const client = await connectTo(proxy.port);
    const closed = once(client, "close");
    // act
    await proxy.stop();
    await closed;
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(proxy?.port ?? 0, "127.0.0.1");
      socket.once("connect", () => resolve("connected"));
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
    proxy = undefined;
    // assess
    expect(refused).toBe("ECONNREFUSED");
  });
});
