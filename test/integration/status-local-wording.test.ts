import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createPipelineStats } from "../../src/local/pipeline/pipelineStats.js";
import { startStatsWriter } from "../../src/local/pipeline/statsWriter.js";
import { writeLocalPipelineRecord } from "../../src/local/state.js";
import { runInProcess } from "../helpers/inProcess.js";
import { localPipelineRecord } from "../helpers/localStream.js";

// Issue S.13: a failing local pipeline was "The pipeline of local", and with --no-ingest the
// ingestion part showed "? written, ? symbols failed".
describe("status --local's words for a dev that does not ingest and cannot reach its Redis", () => {
  it("names the local pipeline and says ingestion is off", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-status-words-"));
    const runDir = join(home, "local");
    await mkdir(runDir, { recursive: true });
    const statsFile = join(runDir, "stats.json");
    await writeLocalPipelineRecord(localPipelineRecord(home, { runDir, statsFile }), {
      BAVEST_SIGNALS_HOME: home,
    });
    await startStatsWriter(createPipelineStats({ shards: 1, ingestEveryMs: null }), statsFile).stop();
    const run = await runInProcess(["status", "--local"], { BAVEST_SIGNALS_HOME: home });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: The local pipeline is failing: redis: /m);
    expect(run.stderr).not.toContain("pipeline of local");
    expect(run.stdout).toContain("ingestion is off");
    expect(run.stdout).not.toContain("? written");
  });
});

describe("status --local when dev cannot rewrite its counters file", () => {
  it("fails, naming the file and since when, once it is 30 s old", async () => {
    const home = await mkdtemp(join(tmpdir(), "bavest-status-stale-"));
    const runDir = join(home, "local");
    await mkdir(runDir, { recursive: true });
    const statsFile = join(runDir, "stats.json");
    const record = localPipelineRecord(home, { runDir, statsFile });
    await startStatsWriter(createPipelineStats({ shards: 1, ingestEveryMs: null }), statsFile).stop();
    const { gatherLocalFacts } = await import("../../src/status/localSource.js");
    const { judgeProcessing } = await import("../../src/status/health.js");
    const later = Date.now() + 60_000;
    const facts = await gatherLocalFacts(
      {},
      { readRecord: async () => record, now: () => later, redisTimeoutMs: 100 },
    );
    expect(facts.processing.writeFailures?.[0]?.file).toBe(statsFile);
    const verdict = judgeProcessing(facts.processing, later);
    expect(verdict.health).toBe("failing");
    expect(verdict.reason).toMatch(/^cannot write .*stats\.json .*not rewritten for 6\d s/);
    const fresh = await gatherLocalFacts({}, { readRecord: async () => record, redisTimeoutMs: 100 });
    expect(fresh.processing.writeFailures).toBeUndefined();
  });
});
