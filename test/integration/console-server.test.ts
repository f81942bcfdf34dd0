import { request } from "node:http";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningConsole, startConsole } from "../../src/console/run.js";
import { cookieName } from "../../src/console/security.js";
import { repoPath } from "../../src/local/repoRoot.js";
import type { StatusReport } from "../../src/status/types.js";
import { eventually } from "../helpers/eventually.js";
import { envelopeFactory, kinesisEventFactory, kinesisRecordFactory } from "../helpers/factories.js";
import { localProcessing } from "../helpers/processing.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

const TOKEN = "test-token-0123456789";
const T0 = 1763650800;
let server: RedisServerHandle;
let redis: Redis;
let handle: ReturnType<typeof localProcessing>["handle"];
let console_: RunningConsole;
let cookie: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly these headers (fetch would not let a test set Host). */
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: console_.port,
        path,
        method,
        headers: { host: `127.0.0.1:${console_.port}`, ...headers },
      },
      (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** Follows /api/events, collecting the events as they arrive. */
function followEvents() {
  const events: { type: string; [key: string]: unknown }[] = [];
  const req = request({
    host: "127.0.0.1",
    port: console_.port,
    path: "/api/events",
    headers: { host: `127.0.0.1:${console_.port}`, cookie },
  });
  req.on("response", (res) => {
    let buffer = "";
    res.on("data", (chunk) => {
      buffer += chunk;
      for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
        const data = buffer
          .slice(0, end)
          .split("\n")
          .find((line) => line.startsWith("data: "));
        if (data) events.push(JSON.parse(data.slice(6)));
        buffer = buffer.slice(end + 2);
      }
    });
  });
  req.on("error", () => {});
  req.end();
  return { events, close: () => req.destroy() };
}

const at = (symbol: string, t: number, price: number) =>
  kinesisRecordFactory(envelopeFactory(symbol, { t, c: price }));

beforeAll(async () => {
  server = await startRedis();
  ({ redis, handle } = localProcessing(server.port, { connectTimeoutMs: 2000, commandTimeoutMs: 2000 }));
  // The outage test stops this server under the processing client too; it reconnects by itself.
  redis.on("error", () => {});
  await handle(kinesisEventFactory([at("AAPL", T0, 189.84), at("MSFT", T0, 80)]));
  const health = { target: "the local pipeline", health: "healthy", reason: "all good" } as StatusReport;
  console_ = await startConsole(
    { port: 0, token: TOKEN, assetsDir: repoPath("dist/console"), pollMs: 200, retryMs: 200 },
    {
      target: { url: server.url, prefix: "bavest", description: "the local pipeline" },
      checkHealth: async () => health,
    },
  );
  cookie = `${cookieName(console_.port)}=${TOKEN}`;
});
afterAll(async () => {
  await console_?.close();
  redis?.disconnect();
  await server?.stop();
});

describe("the console server refuses", () => {
  it("a request without the token, or with a wrong one (403)", async () => {
    for (const path of ["/", "/api/overview", "/api/events", "/assets/console.js", "/?token=nope"]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(403);
      expect(answer.body).not.toContain("AAPL");
    }
  });

  it("a foreign Host, even with the token (DNS rebinding; 403)", async () => {
    for (const host of [`evil.example:${console_.port}`, "127.0.0.1", `127.0.0.1:${console_.port + 1}`]) {
      expect((await get(`/?token=${TOKEN}`, { host })).status, host).toBe(403);
      expect((await get("/api/overview", { host, cookie })).status, host).toBe(403);
    }
  });

  it("a foreign Origin, even with the cookie (403), and sends no CORS headers", async () => {
    const answer = await get("/api/overview", { cookie, origin: "http://evil.example" });
    expect(answer.status).toBe(403);
    expect(Object.keys(answer.headers).filter((name) => name.startsWith("access-control-"))).toEqual([]);
    const own = await get("/api/overview", { cookie, origin: `http://localhost:${console_.port}` });
    expect(own.status).toBe(200);
    expect(Object.keys(own.headers).filter((name) => name.startsWith("access-control-"))).toEqual([]);
  });

  it("anything but GET, and writes nothing to Redis", async () => {
    const before = await redis.dbsize();
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      expect((await get("/api/overview", { cookie }, method)).status).toBe(405);
    }
    expect(await redis.dbsize()).toBe(before);
  });
});

describe("the console server serves", () => {
  it("the printed URL: a redirect that sets an HttpOnly SameSite=Strict cookie and drops the token", async () => {
    const answer = await get(`/?token=${TOKEN}`);
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe("/");
    expect(answer.headers["set-cookie"]).toEqual([`${cookie}; HttpOnly; SameSite=Strict; Path=/`]);
  });

  it("the page with a strict CSP and no inline script, and its bundled files", async () => {
    const page = await get("/", { cookie });
    expect(page.status).toBe(200);
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(page.body).toMatch(/<script type="module" src="\/assets\/console.js"><\/script>/);
    expect(page.body.match(/<script[^>]*>[^<]+<\/script>/)).toBeNull();
    const script = await get("/assets/console.js", { cookie });
    expect(script.status).toBe(200);
    expect(script.headers["content-type"]).toMatch(/^text\/javascript/);
    expect((await get("/assets/../package.json", { cookie })).status).toBe(404);
  });

  it("the tracked symbols, a symbol's history and changes, the quarantine and the health", async () => {
    const overview = JSON.parse((await get("/api/overview", { cookie })).body);
    expect(overview.tracked.map((t: { symbol: string }) => t.symbol)).toEqual(["AAPL", "MSFT"]);
    expect(overview.thresholds.undervaluedBelow).toBe(10);
    const aapl = JSON.parse((await get("/api/symbol?symbol=aapl", { cookie })).body);
    expect(aapl).toMatchObject({ symbol: "AAPL", latest: { category: "expensive" } });
    expect(aapl.history).toHaveLength(1);
    expect((await get("/api/symbol?symbol=NOPE", { cookie })).status).toBe(404);
    expect((await get("/api/symbol?symbol=%3Cscript%3E", { cookie })).status).toBe(400);
    expect(JSON.parse((await get("/api/rejected", { cookie })).body)).toEqual({ rejected: [] });
    expect(JSON.parse((await get("/api/health", { cookie })).body)).toMatchObject({ health: "healthy" });
  });
});

describe("the console's live feed", () => {
  it("pushes a signal change with the new latest, and a new observation that changes no signal", async () => {
    const feed = followEvents();
    try {
      await eventually(
        async () => feed.events,
        (e) => e.some((x) => x.type === "redis" && x.state === "connected"),
      );
      // eps 6.43: 120 is P/E 18.7, from expensive/sell to growth_stock/hold.
      await handle(kinesisEventFactory([at("AAPL", T0 + 60, 120)]));
      const change = await eventually(async () => feed.events.find((e) => e.type === "change"), Boolean);
      expect(change).toMatchObject({
        change: { symbol: "AAPL", from: "sell", to: "hold", toCategory: "growth_stock" },
        latest: { symbol: "AAPL", price: 120 },
      });
      await handle(kinesisEventFactory([at("MSFT", T0 + 60, 81)]));
      const observed = await eventually(
        async () =>
          feed.events.find((e) => e.type === "observations" && JSON.stringify(e).includes('"MSFT"')),
        Boolean,
      );
      expect(observed).toMatchObject({ latest: [{ symbol: "MSFT", price: 81 }] });
    } finally {
      feed.close();
    }
  });

  it("says Redis is down when it goes away, and connected again when it is back", async () => {
    const feed = followEvents();
    try {
      await eventually(
        async () => feed.events,
        (e) => e.some((x) => x.type === "redis" && x.state === "connected"),
      );
      await server.stop();
      await eventually(
        async () => feed.events,
        (e) => e.some((x) => x.type === "redis" && x.state === "down"),
      );
      expect((await get("/api/overview", { cookie })).status).toBe(503);
      const seen = feed.events.length;
      await server.restart();
      await eventually(
        async () => feed.events.slice(seen),
        (e) => e.some((x) => x.type === "redis" && x.state === "connected"),
      );
      expect((await get("/api/overview", { cookie })).status).toBe(200);
    } finally {
      feed.close();
    }
  });
});
