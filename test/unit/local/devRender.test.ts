import { describe, expect, it } from "vitest";
import { createStyle } from "../../../src/lib/style.js";
import { nextCommands, renderBanner } from "../../../src/local/dev/devRender.js";
import type { LocalPipelineRecord } from "../../../src/local/state.js";

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

describe("the dev ready banner", () => {
  it("names every endpoint and file the other commands and the user need", () => {
    const banner = renderBanner(
      {
        record,
        symbols: ["AAPL"],
        liveApi: false,
        ingestEvery: "10s",
        batchSize: 100,
        batchingWindowMs: 1000,
      },
      createStyle(false),
    );
    for (const part of [
      record.kinesis_endpoint,
      record.redis_url,
      record.bavest_api_url,
      record.deadLetterFile,
    ]) {
      expect(banner).toContain(part);
    }
    expect(banner).toContain("every 10s, first run now");
  });

  it("suggests replaying fixtures only when ingestion is off", () => {
    expect(nextCommands({ ingestEvery: null, symbols: ["JPM"] })).toEqual([
      "replay --local fixtures/sample.json",
      "inspect --local",
      "inspect --local JPM",
    ]);
    const ingesting = nextCommands({ ingestEvery: "5m", symbols: ["JPM"] });
    expect(ingesting.some((command) => command.startsWith("replay"))).toBe(false);
    expect(ingesting).toContain("status --local");
  });
});
