import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { quoteFactory } from "./factories.js";
import { freePort } from "./ports.js";

/** What the stand-in answers to one request for a symbol. */
export type StubAnswer =
  | { kind: "quote"; quote?: Record<string, unknown> }
  | { kind: "status"; status: number; body?: string; retryAfter?: string }
  | { kind: "slow"; delayMs: number }
  | { kind: "malformed" }
  | { kind: "html" };

export interface StubRequest {
  path: string;
  method: string;
  apiKey: string | undefined;
  contentType: string | undefined;
  body: unknown;
  symbol: string | undefined;
}

export interface BavestStub {
  /** Base URL to use as BAVEST_API_URL (`http://127.0.0.1:PORT/v0`). */
  url: string;
  requests: StubRequest[];
  /** Answers for a symbol, in order; the last one repeats. Unscripted symbols get a quote. */
  script(symbol: string, answers: StubAnswer[]): void;
  requestsFor(symbol: string): StubRequest[];
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of req) text += chunk;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function answer(res: ServerResponse, reply: StubAnswer): void {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
  switch (reply.kind) {
    case "quote":
      json(200, reply.quote ?? quoteFactory());
      return;
    case "status":
      json(
        reply.status,
        reply.body ?? { message: `status ${reply.status}` },
        reply.retryAfter ? { "retry-after": reply.retryAfter } : {},
      );
      return;
    case "malformed":
      json(200, '{"c": 189.84, "metrics": {');
      return;
    case "html":
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body>Service temporarily unavailable</body></html>");
      return;
    case "slow": {
      const timer = setTimeout(() => json(200, quoteFactory()), reply.delayMs);
      res.on("close", () => clearTimeout(timer));
      return;
    }
  }
}

/** A local HTTP server standing in for the Bavest API, scriptable per symbol; records every request. */
export async function startBavestStub(): Promise<BavestStub> {
  const scripts = new Map<string, StubAnswer[]>();
  const requests: StubRequest[] = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const symbol =
      typeof body === "object" && body !== null ? String((body as { symbol?: unknown }).symbol) : undefined;
    requests.push({
      path: req.url ?? "",
      method: req.method ?? "",
      apiKey: req.headers["x-api-key"] as string | undefined,
      contentType: req.headers["content-type"],
      body,
      symbol,
    });
    if (req.method !== "POST" || req.url !== "/v0/quote") return answer(res, { kind: "status", status: 404 });
    if (req.headers["x-api-key"] !== "test-key")
      return answer(res, { kind: "status", status: 403, body: '{"message":"Forbidden"}' });
    const queue = scripts.get(symbol ?? "") ?? [];
    const reply = (queue.length > 1 ? queue.shift() : queue[0]) ?? { kind: "quote" };
    answer(res, reply);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/v0`,
    requests,
    script: (symbol, answers) => scripts.set(symbol, [...answers]),
    requestsFor: (symbol) => requests.filter((r) => r.symbol === symbol),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
