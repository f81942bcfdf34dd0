import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchRow, compared, median, timeInterleaved } from "./stats.js";

const BIN = fileURLToPath(new URL("../bin/bavest-signals.js", import.meta.url));

function spawnTimed(args: string[], env: NodeJS.ProcessEnv): () => void {
  return () => {
    const run = spawnSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    if (run.status !== 0) throw new Error(`node ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  };
}

/** A stack file with 10,000 symbols sized so that everything fits (plan exits 0). */
async function bigStack(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "bavest-bench-plan-"));
  const symbols = Array.from({ length: 10_000 }, (_, i) => `SYM${String(i).padStart(5, "0")}`).join(",");
  await writeFile(
    join(dir, "Pulumi.bench.yaml"),
    [
      "config:",
      "  aws:region: eu-central-1",
      `  bavest-signals:symbols: ${symbols}`,
      "  bavest-signals:nodeType: cache.r6g.xlarge",
      "  bavest-signals:bavestRequestsPerSecond: '500'",
      "",
    ].join("\n"),
  );
  return dir;
}

/** `plan --json` of a 10,000-symbol stack against bare `node -e 0`, interleaved. */
export async function benchPlan(options: { quick: boolean }): Promise<BenchRow[]> {
  const repetitions = options.quick ? 5 : 11;
  const dir = await bigStack();
  const env = { ...process.env, NO_COLOR: "1", BAVEST_SIGNALS_WORK_DIR: dir };
  try {
    const durations = await timeInterleaved(
      {
        bare: spawnTimed(["-e", "0"], env),
        plan: spawnTimed([BIN, "plan", "--stack", "bench", "--json"], env),
      },
      repetitions,
    );
    const bare = { name: "node -e 0", value: median(durations.bare) };
    const value = median(durations.plan);
    return [
      {
        ...compared({ bench: "plan", metric: "plan --json, 10,000 symbols", value, unit: "ms" }, bare),
        target: "< 1,000 ms",
        met: value < 1_000,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
