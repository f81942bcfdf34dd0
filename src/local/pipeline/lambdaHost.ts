import { existsSync } from "node:fs";
import type { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { WriteCounts } from "../../core/outcomes.js";
import { CliError } from "../../lib/errors.js";
import { createRotatingLog, type RotatingLogOptions } from "../../lib/rotatingLog.js";
import { repoPath } from "../repoRoot.js";
import { LAMBDA_WORKER_SOURCE } from "./workerSource.js";

export type LambdaName = "ingestion" | "processing";

/** The built bundle of a function. */
export function lambdaBundlePath(name: LambdaName): string {
  return repoPath(`dist/lambdas/${name}/index.mjs`);
}

/** One function running in its own worker thread, with its own environment, like a sandbox. */
export interface LambdaHost {
  invoke(event: unknown): Promise<unknown>;
  /** The same, with the counts the function logged for the invocation (processing: what its write did). */
  invokeCounted(event: unknown): Promise<{ result: unknown; counts?: InvocationCounts }>;
  stop(): Promise<void>;
}

export interface LambdaHostOptions {
  name: LambdaName;
  functionName: string;
  env: Record<string, string>;
  /** The function's stdout and stderr (its structured logs) are appended here. */
  logFile: string;
  /** When a log line may be written (room on the disk), and what became of each (see createRotatingLog). */
  logGuard?: Pick<RotatingLogOptions, "canWrite" | "onWrite">;
  region: string;
  timeoutMs: number;
  bundlePath?: string;
}

export type InvocationCounts = WriteCounts;

type WorkerMessage =
  | { type: "ready" }
  | { type: "init-error"; error: { message: string } }
  | { type: "result"; id: number; result: unknown; counts?: InvocationCounts }
  | { type: "error"; id: number; error: { name: string; message: string; stack?: string } };

/**
 * Loads the bundle in a worker (its cold start) and resolves once it exports a handler. When
 * the function crashes its thread, the next invocation gets a fresh one, as Lambda replaces a
 * crashed execution environment; the invocations in flight fail and the trigger retries them.
 */
export async function startLambdaHost(options: LambdaHostOptions): Promise<LambdaHost> {
  const bundlePath = options.bundlePath ?? lambdaBundlePath(options.name);
  if (!existsSync(bundlePath)) {
    throw new CliError(`The ${options.name} function is not built (${bundlePath} is missing).`, {
      hint: "Run: npm run build",
    });
  }
  // Size-capped and rotated: a pipeline left running for days never fills the disk.
  const log = createRotatingLog(options.logFile, options.logGuard);
  let current = await startWorker(options, bundlePath, log).catch((error) => {
    log.end();
    throw error;
  });
  let stopped = false;
  const invokeCounted = async (event: unknown) => {
    if (current.crashed() && !stopped) current = await startWorker(options, bundlePath, log);
    return current.invoke(event);
  };
  return {
    invoke: async (event) => (await invokeCounted(event)).result,
    invokeCounted,
    async stop() {
      stopped = true;
      await current.stop();
      await new Promise<void>((resolve) => log.end(() => resolve()));
    },
  };
}

interface WorkerHost {
  invoke(event: unknown): Promise<{ result: unknown; counts?: InvocationCounts }>;
  /** The thread is gone without stop() having been asked for. */
  crashed(): boolean;
  stop(): Promise<void>;
}

async function startWorker(
  options: LambdaHostOptions,
  bundlePath: string,
  log: Writable,
): Promise<WorkerHost> {
  const worker = new Worker(LAMBDA_WORKER_SOURCE, {
    eval: true,
    env: options.env,
    stdout: true,
    stderr: true,
    workerData: {
      bundleUrl: pathToFileURL(bundlePath).href,
      functionName: options.functionName,
      region: options.region,
      timeoutMs: options.timeoutMs,
    },
  });
  worker.stdout.pipe(log, { end: false });
  worker.stderr.pipe(log, { end: false });
  try {
    await waitUntilReady(worker, options.name);
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return hostOver(worker, options.name);
}

function waitUntilReady(worker: Worker, name: LambdaName): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (message: string) =>
      reject(
        new CliError(`The ${name} function failed to start: ${message}`, {
          hint: "Check the function's log in the run folder, rebuild with `npm run build`, then run `bavest-signals dev` again.",
        }),
      );
    worker.once("message", (message: WorkerMessage) => {
      if (message.type === "ready") resolve();
      else if (message.type === "init-error") fail(message.error.message);
    });
    worker.once("error", (error) => fail(error.message));
    worker.once("exit", (code) => fail(`its thread exited with code ${code}`));
  });
}

function hostOver(worker: Worker, name: LambdaName): WorkerHost {
  let nextId = 0;
  let dead: Error | undefined;
  let stopping = false;
  type Answer = { result: unknown; counts?: InvocationCounts };
  const pending = new Map<number, { resolve(value: Answer): void; reject(error: Error): void }>();
  const failAll = (error: Error) => {
    dead = error;
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  };
  worker.on("message", (message: WorkerMessage) => {
    if (message.type !== "result" && message.type !== "error") return;
    const entry = pending.get(message.id);
    pending.delete(message.id);
    if (message.type === "result")
      entry?.resolve({ result: message.result, ...(message.counts ? { counts: message.counts } : {}) });
    else entry?.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
  });
  worker.on("error", (error) => failAll(new Error(`the ${name} function crashed: ${error.message}`)));
  worker.on("exit", () => failAll(dead ?? new Error(`the ${name} function is stopped`)));
  return {
    crashed: () => dead !== undefined && !stopping,
    invoke(event) {
      if (dead) return Promise.reject(dead);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, event });
      });
    },
    async stop() {
      stopping = true;
      await worker.terminate();
    },
  };
}
