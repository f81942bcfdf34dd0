import { connect, createServer, type Socket } from "node:net";
import { createDelayLine, type DelayClock, type DelayLine, loopClock } from "./delayLine.js";

export interface LatencyProxyOptions {
  /** The server every connection is forwarded to, on 127.0.0.1 unless `targetHost` says otherwise. */
  targetPort: number;
  targetHost?: string;
  /** Added to every chunk in each direction: 0.5 gives a round trip of about 1 ms more than loopback. */
  delayMs: number;
  clock?: DelayClock;
}

export interface LatencyProxy {
  /** Where the proxy listens, on 127.0.0.1. */
  readonly port: number;
  readonly delayMs: number;
  /** Closes the listener and every connection through it; resolves once the listener is closed. */
  stop(): Promise<void>;
}

/** Queued after the last chunk of a direction, so the far side is ended only after that chunk. */
const END = Symbol("end");
type Item = Buffer | typeof END;

/** Forwards `from` into `to` through a delay line; honours backpressure by pausing `from`. */
function delayedPipe(from: Socket, to: Socket, delayMs: number, clock: DelayClock): DelayLine<Item> {
  let waitingForDrain = false;
  const line = createDelayLine<Item>(
    delayMs,
    (item) => {
      if (to.destroyed || to.writableEnded) return;
      if (item === END) return void to.end();
      if (to.write(item) || waitingForDrain) return;
      waitingForDrain = true;
      from.pause();
      to.once("drain", () => {
        waitingForDrain = false;
        from.resume();
      });
    },
    clock,
  );
  from.on("data", (chunk: Buffer) => line.push(chunk));
  from.on("end", () => line.push(END));
  return line;
}

/** Joins one accepted connection to a new connection to the target, with the delay both ways. */
function bridge(client: Socket, options: LatencyProxyOptions, sockets: Set<Socket>): void {
  const clock = options.clock ?? loopClock;
  const upstream = connect({
    port: options.targetPort,
    host: options.targetHost ?? "127.0.0.1",
    allowHalfOpen: true,
  });
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.setNoDelay(true);
  }
  const toUpstream = delayedPipe(client, upstream, options.delayMs, clock);
  const toClient = delayedPipe(upstream, client, options.delayMs, clock);
  const tearDown = () => {
    toUpstream.close();
    toClient.close();
    client.destroy();
    upstream.destroy();
  };
  // A clean close leaves the other direction to drain up to its END; an error ends both at once.
  const onClose = (socket: Socket, writesTo: DelayLine<Item>) => (hadError: boolean) => {
    sockets.delete(socket);
    writesTo.close();
    if (hadError) tearDown();
  };
  client.on("close", onClose(client, toClient));
  upstream.on("close", onClose(upstream, toUpstream));
  client.on("error", tearDown);
  upstream.on("error", tearDown);
}

/**
 * A TCP proxy on 127.0.0.1 that holds every chunk for `delayMs` in each direction before passing
 * it on, in arrival order per connection: a stand-in for a network between a client and a server
 * that both run on this machine. Node cannot wait exactly, so measure the round trip it gives.
 */
export async function startLatencyProxy(options: LatencyProxyOptions): Promise<LatencyProxy> {
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (client) => bridge(client, options, sockets));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    delayMs: options.delayMs,
    stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}
