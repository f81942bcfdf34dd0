import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { BIN } from "../helpers/cli.js";

/** Debian's chromium (what .ci/run installs), or the one BAVEST_CHROMIUM names. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [
    env.BAVEST_CHROMIUM,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  return candidates.find((path): path is string => path !== undefined && path !== "" && existsSync(path));
}

export const NO_CHROMIUM_MESSAGE =
  "No Chromium found (/usr/bin/chromium or BAVEST_CHROMIUM): the browser tests are skipped. Install it: apt-get install -y chromium";

/** One headless Chromium per test file; `--no-sandbox` because CI runs as root. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
}

/** Where screenshots go: test-artifacts/ (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A running `bavest-signals console --local --json --no-open` and the URL it printed. */
export interface ConsoleProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startConsoleProcess(home: string): Promise<ConsoleProcess> {
  const child = spawn(process.execPath, [BIN, "console", "--local", "--json", "--no-open"], {
    env: { ...process.env, BAVEST_SIGNALS_HOME: home, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      try {
        resolve((JSON.parse(stdout) as { url: string }).url);
      } catch {
        // Not the whole document yet.
      }
    });
    child.once("exit", (code) => reject(new Error(`console exited with ${code}:\n${stderr}`)));
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(
  page: Page,
): Promise<{ id: string; help: string; nodes: string[] }[]> {
  const { source } = await import("axe-core");
  // axe runs in the page through the DevTools protocol: the page's CSP governs only its own scripts.
  await page.evaluate(source);
  const result = (await page.evaluate("axe.run(document)")) as {
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }));
}
