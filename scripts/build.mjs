// Builds the CLI (dist/cli) and the two Lambda bundles (dist/lambdas/*/index.mjs) with esbuild.
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const quiet = process.argv.includes("--quiet");

// ESM bundles of CommonJS dependencies (ioredis) call require() for Node built-ins.
const requireShim =
  "import { createRequire as __bsCreateRequire } from 'node:module'; const require = __bsCreateRequire(import.meta.url);";

async function buildCli() {
  await build({
    absWorkingDir: root,
    entryPoints: ["src/cli.ts"],
    outdir: "dist/cli",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
}

export const LAMBDAS = ["ingestion", "processing"];

async function buildLambda(name) {
  const entry = `src/lambdas/${name}/index.ts`;
  if (!existsSync(join(root, entry))) return null;
  const outfile = `dist/lambdas/${name}/index.mjs`;
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22",
    minify: true,
    sourcemap: true,
    // The Lambda Node.js runtime ships AWS SDK v3.
    external: ["@aws-sdk/*"],
    // ES builds first: @smithy/signature-v4's CommonJS build drags in all of @smithy/core (+127 KiB).
    mainFields: ["module", "main"],
    banner: { js: requireShim },
    logLevel: "warning",
  });
  return { name, path: outfile, bytes: statSync(join(root, outfile)).size };
}

await buildCli();
const bundles = (await Promise.all(LAMBDAS.map(buildLambda))).filter(Boolean);
if (!quiet) {
  for (const bundle of bundles) {
    process.stderr.write(`${bundle.path}  ${(bundle.bytes / 1024).toFixed(1)} KiB\n`);
  }
}
