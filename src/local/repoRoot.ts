import { fileURLToPath } from "node:url";

/**
 * A path inside the repository (or the installed package). This module sits two folders below
 * the root both as source (src/local) and bundled (dist/cli), so modules in deeper folders ask
 * here rather than counting `../` from their own place.
 */
export function repoPath(relativePath: string): string {
  return fileURLToPath(new URL(`../../${relativePath}`, import.meta.url));
}
