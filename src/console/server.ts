import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import type { ConsoleApi } from "./api.js";
import type { LiveEvent, LiveFeed } from "./live.js";
import { checkRequest, SECURITY_HEADERS } from "./security.js";
import { CONSOLE_ASSETS, pageShell } from "./shell.js";

export interface ConsoleServerOptions {
  /** 0: a free port the OS picks. Always bound to 127.0.0.1. */
  port: number;
  token: string;
  /** Where the build wrote console.js and console.css (dist/console). */
  assetsDir: string;
  api: ConsoleApi;
  live: LiveFeed;
}

export interface ConsoleServer {
  port: number;
  /** The URL to open, token included. */
  url: string;
  close(): Promise<void>;
}

const KEEP_ALIVE_MS = 15_000;

/** Starts the console's HTTP server on 127.0.0.1 and resolves once it listens. */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const streams = new Set<ServerResponse>();
  let port = options.port;
  const server: Server = createServer((request, response) => {
    handle(request, response, { ...options, port }, streams).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, "text/plain; charset=utf-8", String(error));
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  port = typeof address === "object" && address ? address.port : options.port;
  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, extra = {}) {
  response.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, ...extra });
  response.end(response.req.method === "HEAD" ? undefined : body);
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: ConsoleServerOptions,
  streams: Set<ServerResponse>,
): Promise<void> {
  const verdict = checkRequest(
    {
      url: request.url ?? "/",
      host: request.headers.host,
      origin: request.headers.origin,
      cookie: request.headers.cookie,
    },
    options.token,
    options.port,
  );
  if (!verdict.allowed)
    return send(response, 403, "text/plain; charset=utf-8", `Forbidden: ${verdict.reason}.\n`);
  if (request.method !== "GET" && request.method !== "HEAD") {
    return send(response, 405, "text/plain; charset=utf-8", "The console is read-only: GET only.\n", {
      allow: "GET, HEAD",
    });
  }
  if (verdict.redirectTo !== undefined) {
    return send(response, 302, "text/plain; charset=utf-8", "", {
      location: verdict.redirectTo,
      "set-cookie": verdict.setCookie,
    });
  }
  const url = new URL(request.url ?? "/", "http://console.invalid");
  if (url.pathname === "/") return send(response, 200, "text/html; charset=utf-8", pageShell());
  if (url.pathname === "/favicon.ico") return send(response, 204, "image/x-icon", "");
  const assetType = CONSOLE_ASSETS[url.pathname];
  if (assetType !== undefined) {
    const file = join(options.assetsDir, url.pathname.slice("/assets/".length));
    return send(response, 200, assetType, await readFile(file));
  }
  if (url.pathname === "/api/events") return openEventStream(response, options.live, streams);
  const answer = await options.api.answer(url.pathname, url.searchParams);
  if (answer === undefined) return send(response, 404, "text/plain; charset=utf-8", "Not found.\n");
  send(response, answer.status, "application/json; charset=utf-8", JSON.stringify(answer.body));
}

/** Server-Sent Events: the Redis state first, then every live event until the page leaves. */
function openEventStream(response: ServerResponse, live: LiveFeed, streams: Set<ServerResponse>) {
  response.writeHead(200, { ...SECURITY_HEADERS, "content-type": "text/event-stream; charset=utf-8" });
  const write = (event: LiveEvent) =>
    response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  response.write("retry: 1000\n\n");
  write(live.state());
  const unsubscribe = live.subscribe(write);
  const keepAlive = setInterval(() => response.write(": keep-alive\n\n"), KEEP_ALIVE_MS);
  streams.add(response);
  response.on("close", () => {
    clearInterval(keepAlive);
    unsubscribe();
    streams.delete(response);
  });
}
