import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProcessingHandler } from "../../src/lambdas/processing/handler.js";
import { writeLocalPipelineRecord } from "../../src/local/state.js";
import { BIN } from "../helpers/cli.js";
import { eventually } from "../helpers/eventually.js";
import { envelopeFactory, kinesisEventFactory, kinesisRecordFactory } from "../helpers/factories.js";
import { runInProcess } from "../helpers/inProcess.js";
import { localPipelineRecord } from "../helpers/localStream.js";
import { localProcessing } from "../helpers/processing.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis.js";

const T0 = 1763650800;
let server: RedisServerHandle;
let redis: Redis;
let handle: ProcessingHandler;
let home: string;

const at = (symbol: string, t: number, price: number) =>
  kinesisRecordFactory(envelopeFactory(symbol, { t, c: price }));
const runInHome = (args: string[]) => runInProcess(args, { BAVEST_SIGNALS_HOME: home });

beforeAll(async () => {
  server = await startRedis();
  ({ redis, handle } = localProcessing(server.port, { connectTimeoutMs: 2000, commandTimeoutMs: 2000 }));
  home = await mkdtemp(join(tmpdir(), "bavest-changes-"));
  const record = localPipelineRecord(home, {
    redis_url: server.url,
    redis_primary_endpoint: `127.0.0.1:${server.port}`,
  });
  await writeLocalPipelineRecord(record, { BAVEST_SIGNALS_HOME: home });
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
  await rm(home, { recursive: true, force: true });
});
beforeEach(async () => {
  await redis.flushall();
});

describe("inspect --changes", () => {
  it("lists the changes newest first, honours --limit and a symbol", async () => {
    // eps 6.43: 189.84 is P/E 29.5 (sell), 120 is 18.7 (hold), 80 is 12.4 (buy).
    await handle(
      kinesisEventFactory([at("AAPL", T0, 189.84), at("AAPL", T0 + 60, 120), at("MSFT", T0, 189.84)]),
    );
    await handle(kinesisEventFactory([at("MSFT", T0 + 60, 80), at("AAPL", T0 + 120, 80)]));
    const run = await runInHome(["inspect", "--changes", "--local", "--json"]);
    expect(run.code).toBe(0);
    const { changes } = JSON.parse(run.stdout);
    expect(changes.map((c: { symbol: string; to: string }) => `${c.symbol}:${c.to}`)).toEqual([
      "AAPL:buy",
      "MSFT:buy",
      "AAPL:hold",
    ]);
    expect(changes[0]).toEqual({
      symbol: "AAPL",
      observedAt: new Date((T0 + 120) * 1000).toISOString(),
      from: "hold",
      to: "buy",
      fromCategory: "growth_stock",
      toCategory: "fair_value",
      peRatio: 80 / 6.43,
    });
    const limited = JSON.parse(
      (await runInHome(["inspect", "--changes", "--local", "--json", "--limit", "1"])).stdout,
    );
    expect(limited.changes).toHaveLength(1);
    const aapl = JSON.parse((await runInHome(["inspect", "AAPL", "--changes", "--local", "--json"])).stdout);
    expect(aapl.changes.map((c: { to: string }) => c.to)).toEqual(["buy", "hold"]);
    const text = await runInHome(["inspect", "--changes", "--local"]);
    expect(text.stdout.split("\n")[1]).toMatch(/AAPL\s+hold -> buy\s+growth_stock -> fair_value\s+12\.44/);
  });

  it("says so when nothing has changed yet", async () => {
    const run = await runInHome(["inspect", "--changes", "--local"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("No signal changes recorded yet");
  });
});

describe("watch", () => {
  function startWatch(args: string[]) {
    const child = spawn(process.execPath, [BIN, "watch", "--local", ...args], {
      env: { ...process.env, NO_COLOR: "1", BAVEST_SIGNALS_HOME: home },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
    return { child, exited, out: () => stdout, err: () => stderr };
  }

  it("prints each new change as one JSON line and exits 0 on Ctrl-C", async () => {
    await handle(kinesisEventFactory([at("AAPL", T0, 189.84), at("AAPL", T0 + 60, 120)]));
    const watch = startWatch(["--json"]);
    try {
      await eventually(
        async () => watch.err(),
        (err) => err.includes("Watching signal changes"),
        {
          describe: watch.err,
        },
      );
      // Only changes after the start are printed: the one before is history (inspect --changes).
      await handle(kinesisEventFactory([at("AAPL", T0 + 120, 80), at("MSFT", T0, 100)]));
      await handle(kinesisEventFactory([at("MSFT", T0 + 60, 189.84)]));
      await eventually(
        async () => watch.out().trim().split("\n"),
        (lines) => lines.length === 2,
        {
          describe: watch.err,
        },
      );
      const lines = watch
        .out()
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      expect(lines.map((c) => `${c.symbol}:${c.from}->${c.to}`)).toEqual([
        "AAPL:hold->buy",
        "MSFT:hold->sell",
      ]);
    } finally {
      watch.child.kill("SIGINT");
    }
    expect(await watch.exited).toBe(0);
  });

  it("prints one readable line per change of the symbol asked for", async () => {
    await handle(kinesisEventFactory([at("AAPL", T0, 189.84), at("MSFT", T0, 189.84)]));
    const watch = startWatch(["MSFT"]);
    try {
      await eventually(
        async () => watch.err(),
        (err) => err.includes("Watching signal changes of MSFT"),
        {
          describe: watch.err,
        },
      );
      await handle(kinesisEventFactory([at("AAPL", T0 + 60, 80), at("MSFT", T0 + 60, 80)]));
      await eventually(
        async () => watch.out(),
        (out) => out.includes("MSFT"),
        { describe: watch.err },
      );
      expect(watch.out().trim().split("\n")).toEqual([
        expect.stringMatching(
          /^2025-11-20 15:01:00 UTC {2}MSFT {2}sell -> buy {2}\(expensive -> fair_value, P\/E 12\.44\)$/,
        ),
      ]);
    } finally {
      watch.child.kill("SIGINT");
    }
    expect(await watch.exited).toBe(0);
  });
});
