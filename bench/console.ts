import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { Redis } from "ioredis";
import type { Page } from "playwright-core";
import { type RunningConsole, startConsole } from "../src/console/run.js";
import { redisKeys } from "../src/core/redisKeys.js";
import type { Signal } from "../src/core/signal.js";
import { repoPath } from "../src/local/repoRoot.js";
import type { StatusReport } from "../src/status/types.js";
import { findChromium, launchChromium } from "../test/browser/chromium.js";
import { startRedis } from "../test/helpers/redis.js";
import { type BenchRow, median, percentile } from "./stats.js";

const KEYS = redisKeys("bavest");
const T0 = Date.parse("2026-11-20T15:00:00Z");

const signalOf = (symbol: string, price: number, at: number): Signal => {
  const peRatio = price / 5;
  const [category, signal] = peRatio < 25 ? ["growth_stock", "hold"] : ["expensive", "sell"];
  return {
    symbol,
    observedAt: new Date(at).toISOString(),
    price,
    eps: 5,
    peRatio,
    peSource: "computed",
    earningsYield: 5 / price,
    category,
    signal,
    currency: "USD",
    ingestedAt: new Date(at).toISOString(),
    processedAt: new Date(at).toISOString(),
    sequenceNumber: String(at),
  } as Signal;
};

async function seed(redis: Redis, count: number): Promise<void> {
  await redis.flushall();
  const pipeline = redis.pipeline();
  for (let i = 0; i < count; i++) {
    const symbol = `S${String(i).padStart(5, "0")}`;
    pipeline.sadd(KEYS.symbols, symbol);
    pipeline.set(KEYS.latest(symbol), JSON.stringify(signalOf(symbol, 60 + (i % 200), T0)));
  }
  await pipeline.exec();
}

/** The page's script and stylesheet as the browser receives them (gzip), in KiB. */
async function bundleKiB(): Promise<number> {
  const files = ["console.js", "console.css"].map((name) => readFile(repoPath(`dist/console/${name}`)));
  const sizes = (await Promise.all(files)).map((bytes) => gzipSync(bytes, { level: 9 }).length);
  return sizes.reduce((a, b) => a + b, 0) / 1024;
}

/** ms from the overview answer's last byte to the table's first page being in the DOM. */
async function firstRenderMs(page: Page, origin: string, rows: number): Promise<number> {
  await page.goto(`${origin}/`);
  await page.waitForFunction(
    `document.querySelectorAll("tbody tr").length >= ${Math.min(rows, 100)}`,
    undefined,
    {
      polling: "raf",
    },
  );
  // The page's own clock: the overview answer's responseEnd and the render the init script saw.
  return (await page.evaluate(`(() => {
    const entry = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/api/overview"));
    if (!entry || window.rendered === undefined) throw new Error("no overview answer or render seen");
    return window.rendered - entry.responseEnd;
  })()`)) as number;
}

/** ms from a click on a column's sort button to the re-sorted first page in the DOM. */
async function sortMs(page: Page): Promise<number> {
  return (await page.evaluate(`new Promise((resolve) => {
    const first = () => [...document.querySelectorAll("tbody tr")].slice(0, 5).map((r) => r.dataset.symbol).join();
    setTimeout(() => resolve(Number.NaN), 10000);
    const before = first();
    const button = [...document.querySelectorAll("th button.sort")].find((b) => b.textContent.startsWith("Price"));
    const start = performance.now();
    new MutationObserver((_, observer) => {
      if (first() !== before) { observer.disconnect(); resolve(performance.now() - start); }
    }).observe(document.querySelector("tbody"), { childList: true, subtree: true, characterData: true });
    button.click();
  })`)) as number;
}

/** Written to Redis as the pipeline writes a change (latest and the changes entry, one MULTI). */
async function writeChange(
  redis: Redis,
  symbol: string,
  price: number,
  at: number,
  from: Signal,
): Promise<Signal> {
  const next = signalOf(symbol, price, at);
  await redis
    .multi()
    .set(KEYS.latest(symbol), JSON.stringify(next))
    .xadd(
      KEYS.changes,
      "*",
      "symbol",
      symbol,
      "observedAt",
      next.observedAt,
      "from",
      from.signal,
      "to",
      next.signal,
      "fromCategory",
      from.category,
      "toCategory",
      next.category,
      "peRatio",
      String(next.peRatio),
    )
    .exec();
  return next;
}

/** ms from the write to Redis to the new category on screen, `samples` times. */
async function liveLatencies(page: Page, origin: string, redis: Redis, samples: number): Promise<number[]> {
  await page.goto(`${origin}/`);
  await page.waitForSelector('.live[data-state="live"]');
  const symbol = "S00000";
  let current = JSON.parse((await redis.get(KEYS.latest(symbol))) as string) as Signal;
  const latencies: number[] = [];
  for (let i = 1; i <= samples; i++) {
    const price = i % 2 === 1 ? 200 : 60;
    const expected = i % 2 === 1 ? "expensive" : "growth stock";
    const written = Date.now();
    current = await writeChange(redis, symbol, price, T0 + i * 60_000, current);
    const cell = `document.querySelector('tr[data-symbol="${symbol}"] [data-field="category"]')`;
    const seenAt = await page.waitForFunction(
      `${cell}?.textContent === ${JSON.stringify(expected)} && Date.now()`,
      undefined,
      {
        polling: "raf",
      },
    );
    latencies.push(((await seenAt.jsonValue()) as number) - written);
  }
  return latencies;
}

/** The console's budget: page weight, first render of 1,000 symbols, live change latency. */
export async function benchConsole(options: { quick: boolean }): Promise<BenchRow[]> {
  const chromium = findChromium();
  if (!chromium) throw new Error("no Chromium found (apt-get install -y chromium)");
  const row = (metric: string, value: number, unit: string, extra: Partial<BenchRow> = {}): BenchRow => ({
    bench: "console",
    metric,
    value: Math.round(value * 10) / 10,
    unit,
    ...extra,
  });
  const kib = await bundleKiB();
  const server = await startRedis();
  const redis = new Redis(server.url);
  const browser = await launchChromium(chromium);
  let running: RunningConsole | undefined;
  try {
    running = await startConsole(
      { port: 0, assetsDir: repoPath("dist/console"), pollMs: 60_000 },
      {
        target: { url: server.url, prefix: "bavest", description: "the bench's Redis" },
        checkHealth: async () => ({ health: "healthy" }) as StatusReport,
      },
    );
    // The bench's probes are strings evaluated in the page, which the console's CSP forbids (as it should).
    const page = await browser.newPage({ bypassCSP: true });
    // When the table's first row appears, on the page's clock.
    await page.addInitScript(`new MutationObserver(() => {
      if (window.rendered === undefined && document.querySelectorAll("tbody tr").length > 0) window.rendered = performance.now();
    }).observe(document, { childList: true, subtree: true });`);
    await page.goto(running.url);
    const origin = new URL(running.url).origin;
    const renders = options.quick ? 3 : 7;
    const timings: Record<number, number[]> = { 1000: [], 10000: [] };
    for (const count of [1000, 10000]) {
      await seed(redis, count);
      for (let i = 0; i < renders; i++) timings[count]?.push(await firstRenderMs(page, origin, count));
    }
    const sorts: number[] = [];
    for (let i = 0; i < renders; i++) sorts.push(await sortMs(page));
    const latencies = await liveLatencies(page, origin, redis, options.quick ? 20 : 100);
    const render1k = median(timings[1000] ?? []);
    const p95 = percentile(latencies, 95);
    return [
      row("page JS+CSS, gzip", kib, "KiB", { target: "<= 150 KiB", met: kib <= 150 }),
      row("first render, 1,000 symbols (after the answer)", render1k, "ms", {
        target: "<= 500 ms",
        met: render1k <= 500,
      }),
      row("first render, 10,000 symbols (after the answer)", median(timings[10000] ?? []), "ms", {
        note: "100 rows a page; sorting and filtering over all of them",
      }),
      row("sort 10,000 symbols by a column (click to new first page)", median(sorts), "ms"),
      row(`live change on screen after the Redis write, p95 of ${latencies.length}`, p95, "ms", {
        target: "<= 300 ms",
        met: p95 <= 300,
        note: `median ${Math.round(median(latencies))} ms; XREAD BLOCK -> SSE -> DOM`,
      }),
    ];
  } finally {
    await running?.close();
    await browser.close();
    redis.disconnect();
    await server.stop();
  }
}
