/** The benchmarks `npm run bench` knows, in the order they run. */
export const BENCH_NAMES = [
  "processing",
  "replay",
  "e2e",
  "cli-start",
  "cold-start",
  "ingestion",
  "plan",
  "memory",
  "console",
] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

export interface BenchOptions {
  /** A short run (well under a minute): fewer repetitions, smaller samples. */
  quick: boolean;
  /** Run only these benchmarks. */
  only: BenchName[];
}

/** Parses `--quick` and `--only <name>[,<name>]` (repeatable); throws naming a bad argument. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let quick = false;
  const only: BenchName[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--quick") {
      quick = true;
    } else if (arg === "--only" || arg.startsWith("--only=")) {
      const value = arg === "--only" ? argv[++i] : arg.slice("--only=".length);
      if (!value) throw new Error(`--only needs a name: one of ${BENCH_NAMES.join(", ")}`);
      for (const name of value.split(",")) only.push(checkedName(name.trim()));
    } else {
      throw new Error(`Unknown argument ${arg}. Usage: npm run bench -- [--quick] [--only <name>]`);
    }
  }
  return { quick, only: only.length > 0 ? only : [...BENCH_NAMES] };
}

function checkedName(name: string): BenchName {
  if ((BENCH_NAMES as readonly string[]).includes(name)) return name as BenchName;
  throw new Error(`--only ${name} is not a benchmark; choose from ${BENCH_NAMES.join(", ")}`);
}
