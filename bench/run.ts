import { fileURLToPath } from "node:url";
import { errorMessage } from "../src/lib/errors.js";
import { benchCliStart } from "./cliStart.js";
import { benchColdStart } from "./coldStart.js";
import { benchConsole } from "./console.js";
import { benchEndToEnd } from "./endToEnd.js";
import { benchIngestion } from "./ingestion.js";
import { benchMemory } from "./memory.js";
import { type BenchName, parseBenchArgs } from "./options.js";
import { benchPlan } from "./plan.js";
import { benchProcessing } from "./processing.js";
import { benchReplay } from "./replay.js";
import { type BenchResults, machineFacts, renderTable, writeResults } from "./report.js";
import type { BenchRow } from "./stats.js";

// `npm run bench -- [--quick] [--only <name>]`: prints the table, writes bench/results.json.
// Needs `npm run build` (bundles and CLI) and redis-server on PATH.

const BENCHES: Record<BenchName, (options: { quick: boolean }) => Promise<BenchRow[]>> = {
  processing: benchProcessing,
  replay: benchReplay,
  e2e: benchEndToEnd,
  "cli-start": benchCliStart,
  "cold-start": benchColdStart,
  memory: benchMemory,
  ingestion: benchIngestion,
  plan: benchPlan,
  console: benchConsole,
};

const RESULTS_FILE = fileURLToPath(new URL("./results.json", import.meta.url));

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2));
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const machine = machineFacts();
  const started = performance.now();
  const rows: BenchRow[] = [];
  const failures: BenchResults["failures"] = [];
  for (const name of options.only) {
    process.stderr.write(`bench: ${name}${options.quick ? " (quick)" : ""}...\n`);
    const benchStart = performance.now();
    try {
      rows.push(...(await BENCHES[name](options)));
    } catch (error) {
      const message = errorMessage(error);
      failures.push({ bench: name, error: message });
      process.stderr.write(`bench: ${name} failed: ${message}\n`);
    }
    process.stderr.write(`bench: ${name} took ${((performance.now() - benchStart) / 1000).toFixed(1)} s\n`);
  }
  const durationSeconds = Math.round((performance.now() - started) / 100) / 10;
  process.stdout.write(
    `Machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadAverage}, ${machine.date}\n\n`,
  );
  process.stdout.write(`${renderTable(rows)}\n`);
  await writeResults(RESULTS_FILE, { machine, quick: options.quick, durationSeconds, rows, failures });
  process.stderr.write(`bench: wrote ${RESULTS_FILE} (${durationSeconds} s)\n`);
  return failures.length > 0 ? 1 : 0;
}

// The bundled processing function keeps its Redis client open; exit explicitly once written.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${errorMessage(error)}\n`);
    process.exit(2);
  },
);
