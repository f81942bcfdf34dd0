import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalPipelineRecord } from "../../src/local/state.js";
import { runCli } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";
import { isAlive } from "../helpers/ports.js";
import {
  type ConsoleProcess,
  findChromium,
  launchChromium,
  NO_CHROMIUM_MESSAGE,
  screenshot,
  seriousViolations,
  startConsoleProcess,
} from "./chromium.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/sample.json", import.meta.url));
const CHROMIUM = findChromium();
if (!CHROMIUM) console.warn(NO_CHROMIUM_MESSAGE);

let dev: DevProcess;
let consoleProcess: ConsoleProcess;
let browser: Browser;
let page: Page;
let origin: string;

const inHome = () => ({ env: { BAVEST_SIGNALS_HOME: dev.home } });
const rowSymbols = () =>
  page.$$eval("tbody tr[data-symbol]", (rows) => rows.map((r) => r.getAttribute("data-symbol")));
const cell = (symbol: string, field: string) =>
  page.locator(`tr[data-symbol="${symbol}"] [data-field="${field}"]`).textContent();

describe.skipIf(!CHROMIUM)("the console in Chromium, against dev --no-ingest", () => {
  beforeAll(async () => {
    dev = await startDevProcess(["--batching-window", "100ms"]);
    const replay = await runCli(["replay", FIXTURE, "--local", "--wait", "--json"], inHome());
    expect(JSON.parse(replay.stdout)).toMatchObject({ stored: 24 });
    consoleProcess = await startConsoleProcess(dev.home);
    origin = new URL(consoleProcess.url).origin;
    browser = await launchChromium(CHROMIUM as string);
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(10_000);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await consoleProcess?.stop();
    await dev?.stop();
  });

  it("shows every replayed symbol with its category, the counts per category and the health", async () => {
    await page.goto(consoleProcess.url);
    expect(page.url()).toBe(`${origin}/`);
    await page.waitForSelector('tr[data-symbol="SPY"]');
    expect(await rowSymbols()).toEqual(["AAPL", "BMW.DE", "BRK-B", "JPM", "NVDA", "RIVN", "SAP.DE", "SPY"]);
    expect(await cell("AAPL", "category")).toBe("expensive");
    expect(await cell("RIVN", "category")).toBe("negative earnings");
    expect(await cell("SPY", "category")).toBe("insufficient data");
    expect(await page.locator('[data-category="undervalued"] strong').textContent()).toBe("2");
    await page.waitForSelector('[data-part="redis"]');
    expect(await page.locator('[data-part="redis"]').textContent()).toMatch(/healthy.*redis/);
    expect(await page.locator(".live").getAttribute("data-state")).toBe("live");
    await screenshot(page, "console-overview.png");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("sorts with the keyboard: Tab to a column's sort button, Enter sorts, Enter again reverses", async () => {
    await page.locator("body").focus();
    const label = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    for (let presses = 0; presses < 40 && (await label()) !== "P/E"; presses++)
      await page.keyboard.press("Tab");
    expect(await label()).toBe("P/E");
    await page.keyboard.press("Enter");
    expect((await rowSymbols())[0]).toBe("BMW.DE");
    expect(await page.locator("th", { hasText: "P/E" }).first().getAttribute("aria-sort")).toBe("ascending");
    await page.keyboard.press("Enter");
    expect((await rowSymbols())[0]).toBe("NVDA");
    await page.getByLabel("Filter symbols").fill("de");
    expect(await rowSymbols()).toEqual(["SAP.DE", "BMW.DE"]);
    await page.getByLabel("Filter symbols").fill("");
  });

  it("shows a symbol page, at its own URL, whose chart has the history's points, with hover and zoom", async () => {
    const inspect = JSON.parse((await runCli(["inspect", "AAPL", "--local", "--json"], inHome())).stdout);
    await page.goto(`${origin}/#/symbol/AAPL`);
    const chart = page.locator(".chart-box");
    await chart.locator("canvas").waitFor();
    expect(Number(await chart.getAttribute("data-points"))).toBe(inspect.history.length);
    expect(await page.locator("table.history tbody tr").count()).toBe(inspect.history.length);
    expect(await page.locator('.facts [data-field="category"]').textContent()).toBe("expensive");
    const box = await chart.locator(".u-over").boundingBox();
    if (!box) throw new Error("the chart has no plot area");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() =>
      /\d/.test(document.querySelectorAll(".u-legend .u-value")[1]?.textContent ?? ""),
    );
    await screenshot(page, "console-symbol.png");
    const before =
      Number(await chart.getAttribute("data-x-max")) - Number(await chart.getAttribute("data-x-min"));
    await page.getByRole("button", { name: "Zoom in" }).press("Enter");
    const zoomed =
      Number(await chart.getAttribute("data-x-max")) - Number(await chart.getAttribute("data-x-min"));
    expect(zoomed).toBeCloseTo(before / 2);
    await page.getByRole("button", { name: "Reset zoom" }).click();
    await page.mouse.move(box.x + box.width * 0.3, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + 20, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction((full) => {
      const el = document.querySelector<HTMLElement>(".chart-box");
      return Number(el?.dataset.xMax) - Number(el?.dataset.xMin) < full * 0.6;
    }, before);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("shows a signal change pushed live within 2 s of the replay, without a reload", async () => {
    await page.goto(`${origin}/`);
    await page.waitForSelector('tr[data-symbol="AAPL"]');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    // eps 6.43: 120 is P/E 18.7, from expensive/sell to growth_stock/hold.
    const file = join(dev.home, "aapl-later.json");
    const record = JSON.parse(await readFile(FIXTURE, "utf8")).find(
      (r: { symbol: string }) => r.symbol === "AAPL",
    );
    await writeFile(
      file,
      JSON.stringify([{ ...record, quote: { ...record.quote, c: 120, t: record.quote.t + 3600 } }]),
    );
    const replay = await runCli(["replay", file, "--local", "--json"], inHome());
    expect(replay.code).toBe(0);
    await page.waitForFunction(
      () =>
        document.querySelector('tr[data-symbol="AAPL"] [data-field="category"]')?.textContent ===
        "growth stock",
      undefined,
      { timeout: 2_000, polling: 50 },
    );
    expect(await page.locator(".live-changes li").first().textContent()).toMatch(/AAPL.*sell → hold/);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  });

  it("renders a symbol and a rejected reason holding markup as text, running none of it", async () => {
    const redis = new Redis(dev.record.redis_url);
    const evil = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">';
    const reason = `bad "onerror="window.pwned=3" <img src=x onerror=window.pwned=4>`;
    try {
      const signal = JSON.parse((await redis.get("bavest:latest:AAPL")) as string);
      await redis.sadd("bavest:symbols", evil);
      await redis.set(
        `bavest:latest:${evil}`,
        JSON.stringify({ ...signal, symbol: evil, currency: evil, observedAt: evil, category: undefined }),
      );
      await redis.lpush(
        "bavest:rejected",
        JSON.stringify({ reason, partitionKey: evil, data: evil, rejectedAt: "now" }),
      );
      await page.goto(`${origin}/`);
      await page.reload();
      await page.waitForSelector("tbody tr:nth-child(9)");
      expect(await page.locator("tbody th").filter({ hasText: "<script>" }).textContent()).toBe(evil);
      await page.goto(`${origin}/#/rejected`);
      await page.waitForSelector("td.reason");
      expect(await page.locator("td.reason").first().textContent()).toBe(reason);
      await screenshot(page, "console-quarantine.png");
      expect(await page.locator("main img, main script").count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    } finally {
      await redis.srem("bavest:symbols", evil);
      await redis.del(`bavest:latest:${evil}`);
      await redis.lpop("bavest:rejected");
      redis.disconnect();
    }
  });

  it("shows reconnecting while dev's Redis is down, and recovers when dev has restarted it", async () => {
    await page.goto(`${origin}/`);
    await page.waitForSelector('.live[data-state="live"]');
    const recordFile = join(dev.home, "local", "pipeline.json");
    const pid = (JSON.parse(await readFile(recordFile, "utf8")) as LocalPipelineRecord).redisPid as number;
    expect(isAlive(pid)).toBe(true);
    process.kill(pid, "SIGKILL");
    await page.waitForSelector('.live[data-state="reconnecting"]', { timeout: 10_000 });
    await screenshot(page, "console-reconnecting.png");
    await page.waitForSelector('.live[data-state="live"]', { timeout: 20_000 });
    await page.waitForSelector('tr[data-symbol="SPY"]');
    expect(await rowSymbols()).toHaveLength(8);
  }, 40_000);
});
