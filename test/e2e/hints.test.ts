import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";
import { eventually } from "../helpers/eventually.js";

// Runs the built CLI (`npm run build` first): the hints after a run keep the flags it was given.
const sample = fileURLToPath(new URL("../../fixtures/sample.json", import.meta.url));
let dev: DevProcess;

beforeAll(async () => {
  dev = await startDevProcess(["--batching-window", "100ms"]);
}, 30_000);

afterAll(async () => {
  await dev?.stop("SIGKILL");
  await rm(dev.home, { recursive: true, force: true });
});

describe("hints repeat the target and mode the user gave", { timeout: 60_000 }, () => {
  it("after replay --local --wait stores nothing new, the inspect hint says --local", async () => {
    const env = { BAVEST_SIGNALS_HOME: dev.home };
    const first = await runCli(["replay", sample, "--local", "--wait"], { env });
    expect(first.code, first.stderr).toBe(0);
    const again = await runCli(["replay", sample, "--local", "--wait"], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("inspect what is there: bavest-signals inspect --local");
  });

  it("watch --local --json, when dev goes away, says to run watch --local --json again", async () => {
    const watch = spawn(process.execPath, [BIN, "watch", "--local", "--json"], {
      env: {
        ...process.env,
        NO_COLOR: "1",
        BAVEST_SIGNALS_HOME: dev.home,
        npm_command: "",
        npm_lifecycle_event: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    watch.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => watch.once("close", resolve));
    await eventually(
      async () => stderr,
      (text) => text.includes("Watching signal changes"),
      { describe: () => stderr },
    );
    await dev.stop("SIGINT");
    const code = await Promise.race([
      exited,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000)),
    ]);
    if (code === null) watch.kill("SIGKILL");
    expect(code).toBe(1);
    expect(stderr).toMatch(/once it is reachable: .*bavest-signals\S* watch --local --json$/m);
  });
});
