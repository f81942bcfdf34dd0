import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { createOutput } from "../../../src/lib/output.js";
import {
  createPipelineStats,
  type PipelineStatsSnapshot,
} from "../../../src/local/pipeline/pipelineStats.js";
import { startStatsWriter } from "../../../src/local/pipeline/statsWriter.js";
import { evaluateStatus } from "../../../src/status/health.js";
import type { StatusSession } from "../../../src/status/run.js";
import type { StatusFacts } from "../../../src/status/types.js";
import { watchStatus } from "../../../src/status/watch.js";
import { memoryStreams } from "../../helpers/memoryStreams.js";
import { unscheduledIngestion } from "./facts.js";

const readSnapshot = async (file: string) =>
  JSON.parse(await readFile(file, "utf8")) as PipelineStatsSnapshot;

describe("the counters file dev writes", () => {
  it("is rewritten after a batch and once more on stop, leaving no temporary file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "bavest-stats-"));
    const file = join(dir, "stats.json");
    const stats = createPipelineStats({ shards: 1, ingestEveryMs: null });
    const writer = startStatsWriter(stats, file, { everyMs: 60_000 });
    for (let batch = 0; batch < 50; batch += 1) {
      stats.listener.onBatch?.({ shardId: "s", records: 2, rejected: 0, failed: 0, iteratorAgeMs: 5 });
    }
    await writer.stop();
    expect((await readSnapshot(file)).totals).toMatchObject({ batches: 50, records: 100, stored: 100 });
    expect(await readdir(dir)).toEqual(["stats.json"]);
  });
});

describe("status --watch", () => {
  const facts: StatusFacts = {
    target: "local",
    ingestion: unscheduledIngestion,
    stream: {
      windows: { "5m": { in: 0, out: 0 }, "60m": { in: 0, out: 0 } },
      iteratorAgeMs: null,
      shards: 1,
    },
    processing: {
      windows: {
        "5m": { batches: 0, stored: 0, rejected: 0, failed: 0, failedBatches: 0 },
        "60m": { batches: 0, stored: 0, rejected: 0, failed: 0, failedBatches: 0 },
      },
      deadLetters: 0,
    },
    redis: {
      reachable: true,
      symbols: 0,
      keys: 0,
      memoryUsedBytes: 1,
      memoryMaxBytes: 0,
      newestObservationAgeMs: null,
      newestWriteAgeMs: null,
    },
  };

  /** Watches a session that stops the watch on its `lastCheck`-th check; what was printed, and the checks. */
  async function watchUntil(lastCheck: number, options: { json: boolean; tty: boolean }) {
    const { stdout, out } = memoryStreams();
    if (options.tty) Object.assign(stdout, { isTTY: true });
    const controller = new AbortController();
    let checks = 0;
    const session: StatusSession = {
      check: async () => {
        checks += 1;
        if (checks === lastCheck) controller.abort();
        return evaluateStatus(facts, Date.now());
      },
      close: async () => {},
    };
    await watchStatus(session, createOutput({ stdout, json: options.json, env: {} }), 5, controller.signal);
    return { checks, text: out() };
  }

  it("redraws in place on a terminal and stops when asked", async () => {
    const { checks, text } = await watchUntil(3, { json: false, tty: true });
    expect(checks).toBe(3);
    expect(text.split("\x1b[H\x1b[2J")).toHaveLength(3);
    // stdout is the terminal here, so it is coloured: the words are there between the codes.
    expect(stripVTControlCharacters(text)).toContain("Pipeline local: healthy");
  });

  it("prints one JSON document a line under --json", async () => {
    const { text } = await watchUntil(2, { json: true, tty: false });
    const lines = text.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ health: "healthy" });
  });
});
