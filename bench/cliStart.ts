import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeLocalPipelineRecord } from "../src/local/state.js";
import { localPipelineRecord } from "../test/helpers/localStream.js";
import { startRedis } from "../test/helpers/redis.js";
import { type BenchRow, compared, median, timeInterleaved } from "./stats.js";

const BIN = fileURLToPath(new URL("../bin/bavest-signals.js", import.meta.url));

/** Runs `node <args>` to completion; a failing command would time its error path, so it throws. */
function spawnTimed(args: string[], env: NodeJS.ProcessEnv): () => void {
  return () => {
    const run = spawnSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    if (run.status !== 0) throw new Error(`node ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  };
}

/** A state home whose pipeline record points at a real redis-server, as a running `dev` leaves it. */
async function localPipelineHome(redisUrl: string, port: number): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), "bavest-bench-cli-"));
  const record = localPipelineRecord(home, {
    redis_primary_endpoint: `127.0.0.1:${port}`,
    redis_url: redisUrl,
  });
  await writeLocalPipelineRecord(record, { BAVEST_SIGNALS_HOME: home });
  return home;
}

/** CLI start: `--help` and `inspect --local --json` against bare `node -e 0`, in interleaved rounds. */
export async function benchCliStart(options: { quick: boolean }): Promise<BenchRow[]> {
  const repetitions = options.quick ? 5 : 15;
  const redis = await startRedis();
  const home = await localPipelineHome(redis.url, redis.port);
  const env = { ...process.env, NO_COLOR: "1", BAVEST_SIGNALS_HOME: home };
  try {
    const durations = await timeInterleaved(
      {
        bare: spawnTimed(["-e", "0"], env),
        help: spawnTimed([BIN, "--help"], env),
        inspect: spawnTimed([BIN, "inspect", "--local", "--json"], env),
      },
      repetitions,
    );
    const bare = { name: "node -e 0", value: median(durations.bare) };
    const row = (metric: string, value: number) => ({ bench: "cli-start", metric, value, unit: "ms" });
    return [
      row("node -e 0", bare.value),
      compared({ ...row("--help", median(durations.help)), target: "<= 3x bare node" }, bare, (r) => r <= 3),
      compared(row("inspect --local --json", median(durations.inspect)), bare),
    ];
  } finally {
    await redis.stop();
    await rm(home, { recursive: true, force: true });
  }
}
