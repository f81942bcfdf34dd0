import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { CliError } from "../lib/errors.js";
import type { PluginCommand } from "./types.js";

export const PLUGIN_NAME = "session-manager-plugin";
export const PLUGIN_INSTALL_URL =
  "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html";

/** Where the official installers put the plugin when it is not on PATH. */
const KNOWN_INSTALL_PATHS = [
  "/usr/local/sessionmanagerplugin/bin/session-manager-plugin",
  "/usr/local/bin/session-manager-plugin",
  "C:\\Program Files\\Amazon\\SessionManagerPlugin\\bin\\session-manager-plugin.exe",
];

const STOP_GRACE_MS = 2_000;
const OUTPUT_TAIL_CHARS = 2_000;

export function missingPluginError(cause?: unknown): CliError {
  return new CliError(`The AWS Session Manager plugin (${PLUGIN_NAME}) is not installed or not on PATH.`, {
    hint: `Install it: ${PLUGIN_INSTALL_URL}\nThen check with: bavest-signals doctor --only tunnel`,
    cause,
  });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds the plugin on PATH or in its default install folder; throws install instructions otherwise. */
export function findPlugin(env: NodeJS.ProcessEnv): PluginCommand {
  const names = process.platform === "win32" ? [`${PLUGIN_NAME}.exe`] : [PLUGIN_NAME];
  const folders = (env.PATH ?? "").split(delimiter).filter((folder) => folder !== "");
  const candidates = [
    ...folders.flatMap((folder) => names.map((name) => join(folder, name))),
    ...KNOWN_INSTALL_PATHS,
  ];
  const found = candidates.find(isExecutable);
  if (!found) throw missingPluginError();
  return { command: found };
}

/** A running plugin process, in its own process group so it can be stopped with everything it started. */
export interface PluginProcess {
  pid: number;
  /** Resolves when the plugin exits, with its exit code and the tail of what it printed. */
  exited: Promise<{ exitCode: number | null; output: string }>;
  output(): string;
  /** Stops the whole process group (TERM, then KILL after a grace period) and waits for the exit. */
  stop(): Promise<void>;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // A negative PID addresses the process group the detached child leads.
    process.kill(process.platform === "win32" ? pid : -pid, signal);
  } catch {
    // Already gone.
  }
}

/** Starts the plugin; rejects with install instructions when the program cannot be run at all. */
export async function startPlugin(
  plugin: PluginCommand,
  args: string[],
  options: { env: NodeJS.ProcessEnv; onOutput?: (text: string) => void },
): Promise<PluginProcess> {
  // detached: its own process group, so a terminal Ctrl-C reaches only us and we stop it in order.
  const child = spawn(plugin.command, [...(plugin.leadingArgs ?? []), ...args], {
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output = (output + text).slice(-OUTPUT_TAIL_CHARS);
    options.onOutput?.(text);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<{ exitCode: number | null; output: string }>((resolve) => {
    child.once("exit", (exitCode) => resolve({ exitCode, output }));
  });
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" || error.code === "EACCES" ? missingPluginError(error) : error),
    );
  });
  const pid = child.pid as number;
  let running = true;
  void exited.then(() => {
    running = false;
  });
  return {
    pid,
    exited,
    output: () => output,
    async stop() {
      if (running) {
        signalGroup(pid, "SIGTERM");
        const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      // Anything the plugin started and left in its group goes too.
      signalGroup(pid, "SIGKILL");
    },
  };
}

/** Last resort when the process exits without cleanup: synchronous, so it works in an 'exit' handler. */
export function killPluginNow(pid: number): void {
  signalGroup(pid, "SIGKILL");
}
