import { describe, expect, it } from "vitest";
import { CliError } from "../../../src/lib/errors.js";
import { createOutput } from "../../../src/lib/output.js";
import { createStyle } from "../../../src/lib/style.js";
import { renderBanner } from "../../../src/local/dev/devRender.js";
import type { LocalPipelineRecord } from "../../../src/local/state.js";
import { evaluateStatus } from "../../../src/status/health.js";
import { renderStatus } from "../../../src/status/render.js";
import type { StatusSession } from "../../../src/status/run.js";
import type { StatusFacts } from "../../../src/status/types.js";
import { watchStatus } from "../../../src/status/watch.js";
import { memoryStreams } from "../../helpers/memoryStreams.js";
import { unscheduledIngestion } from "../status/facts.js";

// Issue S.13, the parts about dev: what its screens say must be true of the run at hand.
const record: LocalPipelineRecord = {
  pid: 1,
  startedAt: "2026-11-27T07:00:00.000Z",
  kinesis_stream_name: "bavest-signals-local",
  kinesis_endpoint: "http://127.0.0.1:4567",
  region: "us-east-1",
  redis_primary_endpoint: "127.0.0.1:6380",
  redis_url: "redis://127.0.0.1:6380",
  bavest_api_url: "http://127.0.0.1:8080/v0",
  redis_prefix: "bavest",
  runDir: "/tmp/run",
  deadLetterFile: "/tmp/run/dead-letter.jsonl",
};
const banner = (start?: { resumed: boolean; checkpoints: Record<string, string> }) =>
  renderBanner(
    {
      record,
      symbols: ["AAPL"],
      liveApi: false,
      ingestEvery: null,
      batchSize: 100,
      batchingWindowMs: 1000,
      ...(start ? { start } : {}),
    },
    createStyle(false),
  );

describe("the ready banner says where the trigger starts reading", () => {
  it("from TRIM_HORIZON on a new stream", () => {
    expect(banner({ resumed: false, checkpoints: {} })).toContain("from TRIM_HORIZON");
  });

  it("after the kept checkpoints when resuming, not from TRIM_HORIZON", () => {
    const text = banner({ resumed: true, checkpoints: { "shardId-000000000000": "4960" } });
    expect(text).not.toContain("TRIM_HORIZON");
    expect(text).toContain("resumes after the kept checkpoint of 1 shard");
  });

  it("from the start of the kept stream when it kept no checkpoint", () => {
    expect(banner({ resumed: true, checkpoints: {} })).toContain(
      "from the start (TRIM_HORIZON) of the kept stream",
    );
  });
});

const facts: StatusFacts = {
  target: "local",
  ingestion: unscheduledIngestion,
  stream: { windows: { "5m": { in: 0, out: 0 }, "60m": { in: 0, out: 0 } }, iteratorAgeMs: null, shards: 1 },
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

describe("status with ingestion off", () => {
  it("says ingestion is off instead of '? written, ? symbols failed'", () => {
    const text = renderStatus(evaluateStatus(facts, Date.now()), false);
    expect(text).not.toContain("? written");
    expect(text).toContain("ingestion is off");
  });
});

describe("status --watch when dev goes away and comes back", () => {
  it("lists both among its changes", async () => {
    const { stdout, stderr, out, err } = memoryStreams();
    const controller = new AbortController();
    const answers = ["up", "gone", "gone", "up", "up"];
    let checks = 0;
    const session: StatusSession = {
      check: async () => {
        const answer = answers[checks] ?? "up";
        checks += 1;
        if (checks === answers.length) controller.abort();
        if (answer === "gone") {
          throw new CliError("No local pipeline is running.", { hint: "Start it: bavest-signals dev" });
        }
        return evaluateStatus(facts, Date.now());
      },
      close: async () => {},
    };
    Object.assign(stdout, { isTTY: true });
    await watchStatus(session, createOutput({ stdout, stderr, env: {} }), 5, controller.signal);
    const changes = err()
      .split("\n")
      .filter((line) => line.startsWith("changed:"));
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatch(/local: went away \(No local pipeline is running\.\)/);
    expect(changes[1]).toMatch(/local: back/);
    // The redrawn screen lists them too.
    expect(out()).toMatch(/Changes:\n.*went away[^\n]*\n.*back/);
  });
});
