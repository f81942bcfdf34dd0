import { chmodSync, readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * Lambda runs the code as a user other than the one who zipped it, so every file of a
 * deployment package must be readable by all (644) and every folder enterable by all (755):
 * https://repost.aws/knowledge-center/lambda-deployment-package-errors
 * The CLI works under umask 077 (its state is private), which would make freshly built
 * bundles 600; this opens them up again before Pulumi archives them.
 */
export function makeWorldReadable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makeWorldReadable(path);
    else if (entry.isFile()) chmodSync(path, 0o644);
  }
}
