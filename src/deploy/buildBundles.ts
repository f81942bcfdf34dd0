import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { CliError } from "../lib/errors.js";
import { defaultBundleDir, missingBundles } from "../stack/bundles.js";
import { makeWorldReadable } from "./bundlePermissions.js";

/**
 * Builds the Lambda bundles with the project's own build (scripts/build.mjs) so a deploy
 * never ships stale code, and returns dist/lambdas. In an installed package without the
 * build script, the bundles it shipped with are used as they are.
 */
export async function buildLambdaBundles(bundleDir: string = defaultBundleDir()): Promise<string> {
  const root = dirname(dirname(bundleDir));
  const script = join(root, "scripts", "build.mjs");
  if (existsSync(script) && existsSync(join(root, "src"))) {
    await runNode([script, "--quiet"], root);
  }
  const missing = missingBundles(bundleDir);
  if (missing.length > 0) {
    throw new CliError(`The Lambda bundles ${missing.join(", ")} are missing from ${bundleDir}.`, {
      hint: "Build them: npm run build",
    });
  }
  makeWorldReadable(bundleDir);
  return bundleDir;
}

function runNode(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0) resolve();
      else
        reject(
          new CliError(`Building the Lambda bundles failed (exit ${code}):\n${stderr.trim()}`, {
            hint: "Run: npm run build",
          }),
        );
    });
  });
}
