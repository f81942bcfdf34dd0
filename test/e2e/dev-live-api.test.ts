import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureSymbols } from "../../src/commands/demo.js";
import type { LocalPipelineRecord } from "../../src/local/state.js";
import { type BavestStub, startBavestStub } from "../helpers/bavestStub.js";
import { BIN } from "../helpers/cli.js";
import { eventually } from "../helpers/eventually.js";
import { isAlive } from "../helpers/ports.js";

const FIXTURE = new URL("../../fixtures/sample.json", import.meta.url).pathname;
let stub: BavestStub;

beforeAll(async () => {
  stub = await startBavestStub();
});
afterAll(() => stub?.stop());

// The built CLI (`npm run build` first), against a stand-in for the Bavest API on 127.0.0.1.
describe("dev --live-api without --symbols", () => {
  it("ingests the documented default watchlist, the symbols of fixtures/sample.json", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-live-"));
    let stderr = "";
    const child = spawn(process.execPath, [BIN, "dev", "--live-api", "--every", "1h"], {
      env: {
        ...process.env,
        BAVEST_SIGNALS_HOME: home,
        BAVEST_API_KEY: "test-key",
        BAVEST_API_URL: stub.url,
        NO_COLOR: "1",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const recordFile = join(home, "local", "pipeline.json");
    try {
      const wanted = await fixtureSymbols(FIXTURE);
      // The first run starts with dev: it asks the API for every symbol of the watchlist.
      await eventually(
        async () => new Set(stub.requests.map((request) => request.symbol)),
        (asked) => wanted.every((symbol) => asked.has(symbol)) || child.exitCode !== null,
        { timeoutMs: 20_000, describe: () => stderr },
      );
      expect(child.exitCode, stderr).toBeNull();
      expect(stderr).not.toContain("SYMBOLS is not set");
      expect(new Set(stub.requests.map((request) => request.symbol))).toEqual(new Set(wanted));
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
  });
});
