import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/lib/errors.js";
import { createStyle } from "../../../src/lib/style.js";
import { matchesFilter, parseLogLine, renderLogEntry } from "../../../src/logs/render.js";
import { parseSince } from "../../../src/logs/since.js";

const plain = createStyle(false);
const BATCH =
  '{"level":"INFO","message":"Batch processed","timestamp":"2026-11-27T06:28:01.787Z","service":"bavest-processing","sampling_rate":0,"records":4,"processed":2,"rejected":2,"duplicates":0,"stale":0,"failed":0}';
const REJECTED =
  '{"level":"WARN","message":"Record rejected","timestamp":"2026-11-27T06:28:01.775Z","service":"bavest-processing","reason":"data is not JSON","sequenceNumber":"4968","partitionKey":"TEST"}';

describe("log line rendering", () => {
  it("shows time, level, message and counts of a Powertools line, without its boilerplate", () => {
    const entry = parseLogLine("processing", BATCH);
    expect(entry.time).toBe(Date.parse("2026-11-27T06:28:01.787Z"));
    expect(renderLogEntry(entry, plain, false)).toBe(
      "2026-11-27T06:28:01.787Z INFO  Batch processed  records=4 processed=2 rejected=2 duplicates=0 stale=0 failed=0",
    );
  });

  it("quotes values with spaces, shows lists by length and names the function when asked", () => {
    const line = JSON.stringify({
      level: "ERROR",
      message: "Ingestion finished",
      timestamp: "2026-11-27T06:00:00.000Z",
      failures: [{ symbol: "X" }, { symbol: "Y" }],
      note: "two words",
    });
    expect(renderLogEntry(parseLogLine("ingestion", line), plain, true)).toBe(
      'ingestion  2026-11-27T06:00:00.000Z ERROR Ingestion finished  failures=[2] note="two words"',
    );
    expect(renderLogEntry(parseLogLine("processing", REJECTED), plain, false)).toContain(
      'WARN  Record rejected  reason="data is not JSON" sequenceNumber=4968 partitionKey=TEST',
    );
  });

  it("prints lines that are not JSON as they are, with the time CloudWatch received them", () => {
    const start = parseLogLine(
      "processing",
      "START RequestId: 8f2c Version: $LATEST\n",
      Date.parse("2026-11-27T06:00:00Z"),
    );
    expect(start.fields).toBeUndefined();
    expect(renderLogEntry(start, plain, false)).toBe(
      "2026-11-27T06:00:00.000Z START RequestId: 8f2c Version: $LATEST",
    );
    expect(renderLogEntry(parseLogLine("processing", "[1, 2]"), plain, false)).toBe("[1, 2]");
  });

  it("filters on a substring of the raw line", () => {
    const entry = parseLogLine("processing", REJECTED);
    expect(matchesFilter(entry, "rejected")).toBe(true);
    expect(matchesFilter(entry, "Batch processed")).toBe(false);
    expect(matchesFilter(entry, undefined)).toBe(true);
  });

  it("filters without regard to case", () => {
    const entry = parseLogLine("processing", REJECTED);
    expect(matchesFilter(entry, "REJECTED")).toBe(true);
    expect(matchesFilter(entry, "ReJeCtEd")).toBe(true);
    expect(matchesFilter(entry, "batch processed")).toBe(false);
  });
});

describe("--since", () => {
  const now = Date.parse("2026-11-27T12:00:00Z");
  it("reads durations back from now and ISO times", () => {
    expect(parseSince("10m", now)).toBe(now - 600_000);
    expect(parseSince("30s", now)).toBe(now - 30_000);
    expect(parseSince("2h", now)).toBe(now - 7_200_000);
    expect(parseSince("1d", now)).toBe(now - 86_400_000);
    expect(parseSince("2026-11-27T11:00:00Z", now)).toBe(now - 3_600_000);
  });

  it("refuses anything else with a usage error naming the value", () => {
    expect(() => parseSince("yesterday", now)).toThrow(UsageError);
    expect(() => parseSince("10 parsecs", now)).toThrow('--since "10 parsecs"');
  });
});
