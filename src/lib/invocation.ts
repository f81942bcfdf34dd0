import { basename, delimiter, dirname, isAbsolute, relative } from "node:path";

/** The literal form every message uses; the output layer rewrites it (see rewriteInvocation). */
export const CLI_NAME = "bavest-signals";

/**
 * How the user started the CLI, as the words to type again: `npx bavest-signals` under npx,
 * `bavest-signals` when it is on PATH (npm link, a global install), else the script's path
 * (`node bin/bavest-signals.js`), so that every hint can be pasted as it is printed.
 */
export function invocationOf(script: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  // npm 7+ runs npx as `npm exec` and says so in the environment of the process it starts.
  if (env.npm_command === "exec" || env.npm_lifecycle_event === "npx") return `npx ${CLI_NAME}`;
  if (!script) return CLI_NAME;
  const pathDirs = (env.PATH ?? "").split(delimiter).filter((dir) => dir !== "");
  const shown = shortPath(script, cwd);
  if (basename(script) === CLI_NAME) {
    // A PATH shim or an npm-link symlink: typed by name when its folder is on PATH.
    return pathDirs.includes(dirname(script)) ? CLI_NAME : shown;
  }
  return `node ${shown}`;
}

function shortPath(script: string, cwd: string): string {
  const fromCwd = relative(cwd, script);
  const path = fromCwd === "" || fromCwd.startsWith("..") || isAbsolute(fromCwd) ? script : fromCwd;
  return /[\s"'$`\\]/.test(path) ? JSON.stringify(path) : path;
}

// `bavest-signals` followed by a command or an option; not `~/.bavest-signals`, not the
// `bavest-signals:key` config names, not the project name on its own.
const LITERAL = /(?<![\w./~@:-])bavest-signals(?= +[a-z-])/g;

/** Rewrites every `bavest-signals <command>` in `text` to the way the CLI was started. */
export function rewriteInvocation(text: string, invokedAs: string | undefined): string {
  if (!invokedAs || invokedAs === CLI_NAME) return text;
  return text.replace(LITERAL, invokedAs);
}
