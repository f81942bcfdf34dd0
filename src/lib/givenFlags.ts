import type { Command } from "commander";
import { CLI_NAME } from "./invocation.js";

/**
 * The options a hint repeats when the user gave them: the target (`--local`, `--stack`,
 * `--work-dir`) and the mode (`--json`, doctor's `--only`), in the order they are printed.
 */
const REPEATED = ["local", "stack", "workDir", "json", "only"] as const;

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : JSON.stringify(word);
}

/**
 * The target and mode flags the user typed for `command` (not defaults, not the environment),
 * as words to repeat. `forCommand` is the command the hint names: only the flags it accepts
 * are repeated (the global ones, and its own: `--work-dir` goes to `inspect`, not to `status`).
 */
export function givenFlags(command: Command, forCommand = command.name()): string[] {
  const words: string[] = [];
  for (const name of REPEATED) {
    const owner = [command, ...ancestorsOf(command)].find((cmd) =>
      cmd.options.some((option) => option.attributeName() === name),
    );
    const option = owner?.options.find((candidate) => candidate.attributeName() === name);
    if (!owner || !option || owner.getOptionValueSource(name) !== "cli") continue;
    if (owner === command && !accepts(command, forCommand, name)) continue;
    const value: unknown = owner.getOptionValue(name);
    const flag = option.long ?? option.flags;
    if (value === true) words.push(flag);
    else if (Array.isArray(value)) words.push(flag, ...value.map((item) => shellWord(String(item))));
    else if (typeof value === "string") words.push(flag, shellWord(value));
  }
  return words;
}

/** Whether the sibling command `name` (or `command` itself) declares the option `attribute`. */
function accepts(command: Command, name: string, attribute: string): boolean {
  const target =
    name === command.name() ? command : command.parent?.commands.find((sibling) => sibling.name() === name);
  return target?.options.some((option) => option.attributeName() === attribute) ?? false;
}

function ancestorsOf(command: Command): Command[] {
  const ancestors: Command[] = [];
  for (let parent = command.parent; parent; parent = parent.parent) ancestors.push(parent);
  return ancestors;
}

/**
 * `bavest-signals <words...> <the flags the user gave> <after...>`: a command line for a hint
 * that keeps the user's target and mode (`inspect --local` after `replay --local`,
 * `watch --local --json` run again). `words` start with the command the hint names.
 */
export function hintCommand(
  command: Command,
  words: readonly string[] = [command.name()],
  after: readonly string[] = [],
): string {
  const forCommand = words[0] ?? command.name();
  return [CLI_NAME, ...words, ...givenFlags(command, forCommand), ...after].join(" ");
}
