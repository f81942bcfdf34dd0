import { chmodSync, type Dirent, lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { stateHome } from "./paths.js";

/** Folders only their owner may enter, files only their owner may read. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * The state home holds Redis URLs, dead-lettered quotes, logs and the stacks' config: this
 * user's alone. Everything the CLI (and the servers it starts) creates from now on is
 * private (umask 077), and a home an older version left readable by others is fixed once.
 */
export function securePrivateFiles(env: NodeJS.ProcessEnv): void {
  try {
    process.umask(0o077);
  } catch {
    // Worker threads cannot change the umask; the process that started them already has.
  }
  const home = stateHome(env);
  // The home and the two folders the CLI writes into; a readable one is fixed with all below it.
  for (const dir of [home, join(home, "local"), join(home, "pulumi")]) {
    if (isShared(dir)) {
      makePrivate(dir);
      if (dir === home) return;
    }
  }
}

function isShared(dir: string): boolean {
  try {
    return (lstatSync(dir).mode & 0o077) !== 0;
  } catch {
    return false; // Not there yet: it will be created under the umask above.
  }
}

/** chmod 700 on every folder and 600 on every file below `dir` (symlinks left alone). */
export function makePrivate(dir: string): void {
  chmodSync(dir, PRIVATE_DIR_MODE);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makePrivate(path);
    else if (entry.isFile()) chmodSync(path, PRIVATE_FILE_MODE);
  }
}
