import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { LocalPipelineRecord } from "../../../src/local/state.js";
import { BIN, type CliRun, runCli } from "../../helpers/cli.js";
import { isAlive } from "../../helpers/ports.js";

/** A `bavest-signals dev` child process and the record it wrote. */
export interface DevProcess {
  record: LocalPipelineRecord;
  /** Everything dev printed on stderr so far (its batch and dead-letter lines). */
  stderr(): string;
  /** SIGINT, then SIGKILL if it has not exited within 8 s; kills the Redis it started. */
  stop(): Promise<void>;
}

/** Polls `read` until `ok` holds; the error names the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 30_000,
  describe: () => string = () => "",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`not reached in ${timeoutMs} ms; last value: ${JSON.stringify(value)}\n${describe()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Starts the built CLI's `dev` with BAVEST_SIGNALS_HOME=home and waits for its pipeline record. */
export async function startDev(home: string, args: string[]): Promise<DevProcess> {
  let stderr = "";
  const child: ChildProcess = spawn(process.execPath, [BIN, "dev", "--no-ingest", ...args], {
    env: { ...process.env, BAVEST_SIGNALS_HOME: home, NO_COLOR: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const recordFile = join(home, "local", "pipeline.json");
  await eventually(
    async () => existsSync(recordFile) || child.exitCode !== null,
    Boolean,
    30_000,
    () => stderr,
  );
  if (child.exitCode !== null) throw new Error(`dev exited with ${child.exitCode}:\n${stderr}`);
  const record = JSON.parse(await readFile(recordFile, "utf8")) as LocalPipelineRecord;
  return {
    record,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGINT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
        await exited;
        clearTimeout(timer);
      }
      if (record.redisPid && isAlive(record.redisPid)) process.kill(record.redisPid, "SIGKILL");
    },
  };
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
