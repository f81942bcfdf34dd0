import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BenchRow, compared, median } from "./stats.js";

const ROOT = new URL("../", import.meta.url);
const KIB = 1024;

/** What each function reads at import (cold start) so that it loads without failing. */
const LAMBDA_ENV: Record<"processing" | "ingestion", Record<string, string>> = {
  // lazyConnect: importing does not connect, so no server is needed.
  processing: { REDIS_HOST: "127.0.0.1", REDIS_PORT: "6379" },
  ingestion: {
    KINESIS_STREAM_NAME: "bench",
    BAVEST_API_URL: "http://127.0.0.1:1/v0",
    BAVEST_API_KEY: "bench",
    SYMBOLS: "AAPL,MSFT",
  },
};

// Measured inside the fresh process, so Node's own start (equal for both) is left out.
const IMPORT_SCRIPT = `const start = performance.now(); await import(process.argv[1]);
process.stdout.write(String(performance.now() - start)); process.exit(0);`;

/** Milliseconds to import `url` in a fresh Node process with the given extra Node flags. */
function importMs(url: string, flags: string[], env: Record<string, string>): number {
  const run = spawnSync(process.execPath, [...flags, "--input-type=module", "-e", IMPORT_SCRIPT, url], {
    env: { ...process.env, ...env, POWERTOOLS_LOG_LEVEL: "ERROR" },
    encoding: "utf8",
  });
  const ms = Number(run.stdout);
  if (run.status !== 0 || !Number.isFinite(ms)) throw new Error(`importing ${url} failed: ${run.stderr}`);
  return ms;
}

const IMPORT_NOTE =
  "import() timed inside a fresh Node process; unbundled = node --import tsx src/lambdas/<name>/index.ts, tsx's transform cache warm";
const INGESTION_NOTE =
  "no target: @aws-sdk/* stays external (the Lambda runtime ships it), and loading @aws-sdk/client-kinesis is most of both figures";

/** Interleaved bundled / unbundled imports; the first (unmeasured) round warms the tsx cache. */
function importTimes(name: keyof typeof LAMBDA_ENV, repetitions: number) {
  const bundle = pathToFileURL(fileURLToPath(new URL(`dist/lambdas/${name}/index.mjs`, ROOT))).href;
  const source = pathToFileURL(fileURLToPath(new URL(`src/lambdas/${name}/index.ts`, ROOT))).href;
  const times = { bundled: [] as number[], unbundled: [] as number[] };
  for (let round = 0; round <= repetitions; round++) {
    const bundled = importMs(bundle, [], LAMBDA_ENV[name]);
    const unbundled = importMs(source, ["--import", "tsx"], LAMBDA_ENV[name]);
    if (round === 0) continue;
    times.bundled.push(bundled);
    times.unbundled.push(unbundled);
  }
  return { bundled: median(times.bundled), unbundled: median(times.unbundled) };
}

/** Bundle sizes, and import time of each bundle against its unbundled sources (via tsx). */
export async function benchColdStart(options: { quick: boolean }): Promise<BenchRow[]> {
  const repetitions = options.quick ? 3 : 7;
  const rows: BenchRow[] = [];
  for (const name of ["processing", "ingestion"] as const) {
    const bytes = statSync(new URL(`dist/lambdas/${name}/index.mjs`, ROOT)).size;
    rows.push({
      bench: "cold-start",
      metric: `${name} bundle size`,
      value: bytes / KIB,
      unit: "KiB",
      ...(name === "processing" ? { target: "< 300 KiB", met: bytes < 300 * KIB } : {}),
    });
    const times = importTimes(name, repetitions);
    const row = { bench: "cold-start", metric: `${name} bundle import`, value: times.bundled, unit: "ms" };
    const baseline = { name: "unbundled sources", value: times.unbundled };
    rows.push(
      name === "processing"
        ? compared({ ...row, target: "<= 0.5x unbundled", note: IMPORT_NOTE }, baseline, (r) => r <= 0.5)
        : compared({ ...row, note: INGESTION_NOTE }, baseline),
    );
  }
  return rows;
}
