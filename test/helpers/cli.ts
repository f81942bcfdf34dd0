import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/bavest-signals.js", import.meta.url));

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a child process (run `npm run build` first; `npm test` does). */
export async function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      NO_COLOR: "1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...options.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
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
