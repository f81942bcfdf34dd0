import type { ContextIo } from "../lib/context.js";

/** Is there a person at a terminal to answer prompts? (stdin and stderr both TTYs) */
export function isInteractive(io: ContextIo): boolean {
  const stdin = io.stdin ?? process.stdin;
  const stderr = io.stderr ?? process.stderr;
  return stdin.isTTY === true && stderr.isTTY === true;
}

/** A yes/no question on stderr (@inquirer loaded only when asked). */
export async function askConfirm(message: string): Promise<boolean> {
  const { confirm } = await import("@inquirer/prompts");
  return confirm({ message, default: false }, { output: process.stderr });
}

/** A free-text question on stderr. */
export async function askText(message: string): Promise<string> {
  const { input } = await import("@inquirer/prompts");
  return input({ message }, { output: process.stderr });
}
