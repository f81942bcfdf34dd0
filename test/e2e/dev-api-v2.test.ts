import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LocalPipelineRecord } from "../../src/local/state.js";
import { BIN, cliJson } from "../helpers/cli.js";
import { eventually } from "../helpers/eventually.js";
import { isAlive } from "../helpers/ports.js";

// The built CLI (`npm run build` first): the whole pipeline with ingestion speaking Bavest v2
// to a stand-in that serves v2 only, so any v0 call would fail.
describe("dev --api-version v2", () => {
  it("fetches quotes and EPS over v2 and stores Signals in the currency asked for", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-v2-"));
    let stderr = "";
    const args = ["dev", "--api-version", "v2", "--every", "1h", "--symbols", "AAPL,MSFT,ERR.STATUS400"];
    const child = spawn(process.execPath, [BIN, ...args, "--batching-window", "100ms"], {
      env: { ...process.env, BAVEST_SIGNALS_HOME: home, NO_COLOR: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const recordFile = join(home, "local", "pipeline.json");
    try {
      const aapl = await eventually(
        () => cliJson(home, ["inspect", "--local", "AAPL"]),
        (run) => (run.json as { latest?: unknown } | null)?.latest != null || child.exitCode !== null,
        { timeoutMs: 30_000, describe: () => stderr },
      );
      expect(child.exitCode, stderr).toBeNull();
      const latest = (aapl.json as { latest: Record<string, unknown> }).latest;
      expect(latest).toMatchObject({ symbol: "AAPL", peSource: "computed", currency: "USD" });
      expect(latest.price as number).toBeGreaterThan(0);
      expect(latest.eps as number).toBeGreaterThan(0);
      const outputs = (await cliJson(home, ["outputs", "--local"])).json as { bavest_api_url: string };
      expect(outputs.bavest_api_url).toMatch(/\/v2$/);
      const v0 = await fetch(outputs.bavest_api_url.replace(/v2$/, "v0/quote"), {
        method: "POST",
        headers: { "x-api-key": "local-dev-key", "content-type": "application/json" },
        body: JSON.stringify({ symbol: "AAPL" }),
      });
      expect(v0.status).toBe(403);
      const symbols = (await cliJson(home, ["inspect", "--local"])).json as { symbols: string[] };
      expect(symbols.symbols).toEqual(["AAPL", "MSFT"]);
      const log = readFileSync(join(home, "local", "ingestion.log"), "utf8");
      expect(log).toMatch(/ERR\.STATUS400.*statusCode 400/);
    } finally {
      const record = existsSync(recordFile)
        ? (JSON.parse(readFileSync(recordFile, "utf8")) as LocalPipelineRecord)
        : undefined;
      if (child.exitCode === null) child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
      await exited;
      clearTimeout(timer);
      if (record?.redisPid && isAlive(record.redisPid)) process.kill(record.redisPid, "SIGKILL");
    }
  }, 60_000);
});
