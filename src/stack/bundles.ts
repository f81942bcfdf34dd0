import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The function bundles `npm run build` writes, by folder name under dist/lambdas. */
export const LAMBDA_BUNDLES = ["ingestion", "processing"] as const;
export type LambdaBundle = (typeof LAMBDA_BUNDLES)[number];

/**
 * dist/lambdas of this package, found by walking up from this module to the package root, so it
 * holds from the sources (tests, tsx) and from the built CLI in dist/cli alike.
 */
export function defaultBundleDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && isThisPackage(manifest)) return join(dir, "dist", "lambdas");
    const parent = dirname(dir);
    if (parent === dir) return join(dirname(from), "..", "..", "dist", "lambdas");
    dir = parent;
  }
}

/** The folder of one function's code (index.mjs and its source map). */
export function bundlePath(bundleDir: string, bundle: LambdaBundle): string {
  return join(bundleDir, bundle);
}

/** Bundles whose index.mjs is missing: deploying needs `npm run build` first. */
export function missingBundles(bundleDir: string): LambdaBundle[] {
  return LAMBDA_BUNDLES.filter((bundle) => !existsSync(join(bundleDir, bundle, "index.mjs")));
}

function isThisPackage(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "bavest-signals";
  } catch {
    return false;
  }
}
