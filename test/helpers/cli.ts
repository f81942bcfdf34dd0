import { spawn } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/bavest-signals.js", import.meta.url));

/** How a test starts the CLI: by name on PATH (the default, as after `npm link`), node bin/..., or npx. */
export type StartedVia = "path" | "node" | "npx";

let pathShimDir: string | undefined;

/** A folder holding a `bavest-signals` symlink to the bin, as `npm link` makes one. */
function shimDir(): string {
  if (!pathShimDir) {
    pathShimDir = mkdtempSync(join(tmpdir(), "bavest-bin-"));
    symlinkSync(BIN, join(pathShimDir, "bavest-signals"));
  }
  return pathShimDir;
}

function startCommand(via: StartedVia, env: NodeJS.ProcessEnv): { script: string; env: NodeJS.ProcessEnv } {
  // Whatever ran the tests (npx vitest, npm test) must not decide how the CLI thinks it was started.
  const clean = { ...env, npm_command: "", npm_lifecycle_event: "" };
  if (via === "node") return { script: BIN, env: clean };
  if (via === "npx") return { script: BIN, env: { ...clean, npm_command: "exec" } };
  const dir = shimDir();
  return {
    script: join(dir, "bavest-signals"),
    env: { ...clean, PATH: [dir, env.PATH ?? ""].filter(Boolean).join(delimiter) },
  };
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a child process (run `npm run build` first; `npm test` does). */
export async function runCli(
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    input?: string;
    timeoutMs?: number;
    via?: StartedVia;
    cwd?: string;
  } = {},
): Promise<CliRun> {
  const start = startCommand(options.via ?? "path", {
    ...process.env,
    NO_COLOR: "1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...options.env,
  });
  const child = spawn(process.execPath, [start.script, ...args], {
    env: start.env,
    stdio: ["pipe", "pipe", "pipe"],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.end(options.input ?? "");
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once("close", (c, s) => resolve([c, s])),
  );
  clearTimeout(timer);
  return { code, signal, stdout, stderr };
}

/** Runs the CLI with `--json` against the home folder; stdout parsed when there is any. */
export async function cliJson(
  home: string,
  args: string[],
  input?: string,
): Promise<CliRun & { json: unknown }> {
  const run = await runCli([...args, "--json"], {
    env: { BAVEST_SIGNALS_HOME: home },
    ...(input === undefined ? {} : { input }),
  });
  let json: unknown = null;
  try {
    json = run.stdout.trim() ? JSON.parse(run.stdout) : null;
  } catch {
    json = run.stdout;
  }
  return { ...run, json };
}
