import { type ChildProcess, spawn } from "node:child_process";
import { CliError } from "../lib/errors.js";
import { freeLoopbackPort, waitForListener } from "./ports.js";

/** A redis-server this process started, with no persistence, on a loopback port. */
export interface LocalRedis {
  host: string;
  port: number;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 2_000;

/** The error shown when neither redis-server nor --redis-url is there. */
export function redisMissingError(): CliError {
  return new CliError("redis-server was not found on PATH.", {
    hint: [
      "Install Redis, then run the command again:",
      "  Debian/Ubuntu: sudo apt-get install -y redis-server",
      "  macOS:         brew install redis",
      "Or use a Redis you already run: bavest-signals dev --redis-url redis://127.0.0.1:6379",
    ].join("\n"),
  });
}

/** Spawns `redis-server` on a free port and waits until it accepts connections. */
export async function startLocalRedis(options: { binary?: string } = {}): Promise<LocalRedis> {
  const port = await freeLoopbackPort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const child = spawn(options.binary ?? "redis-server", args, { stdio: ["ignore", "ignore", "pipe"] });
  let spawnError: NodeJS.ErrnoException | undefined;
  let exited = false;
  child.once("error", (error: NodeJS.ErrnoException) => {
    spawnError = error;
  });
  child.once("exit", () => {
    exited = true;
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  try {
    await waitForListener(port, { isGone: () => exited || spawnError !== undefined });
  } catch (cause) {
    await stopChild(child);
    if (spawnError?.code === "ENOENT") throw redisMissingError();
    throw new CliError(`redis-server did not start on 127.0.0.1:${port}.`, {
      hint: stderr.trim() || "Run `redis-server --version` to check the installation.",
      cause: spawnError ?? cause,
    });
  }
  return {
    host: "127.0.0.1",
    port,
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    stop: () => stopChild(child),
  };
}

/** SIGTERM, then SIGKILL when it has not exited within the grace period. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
