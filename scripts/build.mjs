// Builds the CLI (dist/cli), the two Lambda bundles (dist/lambdas/*/index.mjs) and the console's
// page (dist/console/console.js and console.css, served by `bavest-signals console`) with esbuild.
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

/** The console's page: one script and one stylesheet, everything in them (no CDN at run time). */
async function buildConsole() {
  const entry = "src/console/page/main.ts";
  if (!existsSync(join(root, entry))) return [];
  await build({
    absWorkingDir: root,
    entryPoints: { console: entry },
    outdir: "dist/console",
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["chrome110", "firefox110", "safari16"],
    minify: true,
    sourcemap: true,
    logLevel: "warning",
  });
  return ["console.js", "console.css"].map((file) => {
    const path = `dist/console/${file}`;
    return { name: file, path, bytes: statSync(join(root, path)).size };
  });
}

await buildCli();
const bundles = [...(await Promise.all(LAMBDAS.map(buildLambda))).filter(Boolean), ...(await buildConsole())];
if (!quiet) {
  for (const bundle of bundles) {
    process.stderr.write(`${bundle.path}  ${(bundle.bytes / 1024).toFixed(1)} KiB\n`);
  }
}
