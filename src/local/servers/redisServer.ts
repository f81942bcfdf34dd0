import { type ChildProcess, spawn } from "node:child_process";
import { redisServerArgs } from "../../core/redisTuning.js";
import { CliError } from "../../lib/errors.js";
import { freeLoopbackPort, waitForListener } from "../../lib/ports.js";

/** A redis-server this process started on a loopback port (with an append-only file when given a folder). */
export interface LocalRedis {
  host: string;
  port: number;
  url: string;
  pid: number;
  /** Resolves when the server exits, for whatever reason, with how it ended. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

export interface LocalRedisOptions {
  binary?: string;
  /**
   * Keep the data in an append-only file in this folder, fsynced on every write, so that what
   * processing acknowledged survives a kill of redis-server or of dev.
   * https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/
   */
  dataDir?: string;
  /** Listen on this port (a restart keeps the endpoint the functions were given). */
  port?: number;
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
export async function startLocalRedis(options: LocalRedisOptions = {}): Promise<LocalRedis> {
  const port = options.port ?? (await freeLoopbackPort());
  const persistence = options.dataDir
    ? ["--appendonly", "yes", "--appendfsync", "always", "--dir", options.dataDir]
    : ["--appendonly", "no"];
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    ...persistence,
    ...redisServerArgs(),
  ];
  // Its own process group: a Ctrl-C in the terminal reaches dev, which stops it in order
  // (after the batches in flight), instead of stopping Redis under them.
  const child = spawn(options.binary ?? "redis-server", args, {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let spawnError: NodeJS.ErrnoException | undefined;
  let exited = false;
  child.once("error", (error: NodeJS.ErrnoException) => {
    spawnError = error;
  });
  const ended = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = true;
      resolve(signal ? `killed by ${signal}` : `exited with code ${code}`);
    }),
  );
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
    exited: ended,
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
