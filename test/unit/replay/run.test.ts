import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CliError, UsageError } from "../../../src/lib/errors.js";
import { planBatches } from "../../../src/replay/batches.js";
import { type ReplayDeps, runReplay } from "../../../src/replay/run.js";
import type { BatchSender } from "../../../src/replay/send.js";
import { replayStoppedError } from "../../../src/replay/summary.js";
import type { ReplayEntry } from "../../../src/replay/validate.js";
import { memoryOutput } from "../../helpers/memoryStreams.js";
import { entry, fakeClock } from "./fakes.js";

const quote = (symbol: string, i: number) =>
  JSON.stringify({ symbol, fetchedAt: "2026-11-20T15:00:02.120Z", quote: { c: 100 + i, t: 1763650800 + i } });

function harness(text: string, send?: BatchSender) {
  const sent: ReplayEntry[][] = [];
  let targetsResolved = 0;
  const { output, stderr } = memoryOutput();
  const deps: ReplayDeps = {
    output,
    clock: fakeClock(),
    input: { stdin: Readable.from([Buffer.from(text)]) },
    resolveTarget: async () => {
      targetsResolved++;
      return { streamName: "s", region: "us-east-1", description: "the local pipeline" };
    },
    createSender: async () => ({
      send: async (batch) => {
        sent.push(batch);
        return send ? send(batch) : { acknowledged: batch.map(() => true) };
      },
      close: () => {},
    }),
  };
  return { deps, sent, stderr, targets: () => targetsResolved };
}

const defaults = { source: "-", dryRun: false, skipInvalid: false, from: 0 };

describe("runReplay", () => {
  it("sends every record of JSON Lines from stdin in batches of 500", async () => {
    const lines = Array.from({ length: 1201 }, (_, i) => quote(i % 2 ? "AAPL" : "MSFT", i)).join("\n");
    const { deps, sent } = harness(lines);
    const result = await runReplay({ ...defaults, maxInFlight: 1 }, deps);
    expect(sent.map((b) => b.length)).toEqual([500, 500, 201]);
    expect(result.summary).toMatchObject({ records: 1201, sent: 1201, failed: 0, skipped: 0, batches: 3 });
    expect(Object.keys(result.summary)).toEqual([
      "records",
      "sent",
      "failed",
      "skipped",
      "batches",
      "durationMs",
    ]);
  });

  it("sends nothing when one record is invalid, naming its line and reason", async () => {
    const { deps, sent } = harness(`${quote("AAPL", 0)}\n{"symbol":"MSFT"}\n`);
    const error = await runReplay(defaults, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
    expect((error as CliError).message).toContain("stdin has 1 invalid record(s); nothing was sent.");
    expect((error as CliError).message).toContain("line 2: quote of MSFT is missing or not an object");
    expect((error as CliError).hint).toMatch(/--skip-invalid/);
    expect(sent).toEqual([]);
  });

  it("skips invalid records under --skip-invalid and counts them", async () => {
    const { deps, sent, stderr } = harness(`[${quote("AAPL", 0)}, 7, ${quote("SAP", 1)}]`);
    const result = await runReplay({ ...defaults, skipInvalid: true }, deps);
    expect(sent.flat().map((e) => e.index)).toEqual([0, 2]);
    expect(result.summary).toMatchObject({ records: 3, sent: 2, skipped: 1 });
    expect(stderr()).toContain("index 1: record is 7, not a JSON object");
  });

  it("validates without a target or a send on --dry-run", async () => {
    const { deps, sent, targets } = harness(`[${quote("AAPL", 0)}, ${quote("SAP", 1)}]`);
    const result = await runReplay({ ...defaults, dryRun: true, maxInFlight: 1 }, deps);
    expect(result.summary).toMatchObject({ records: 2, sent: 0, failed: 0, batches: 1 });
    expect(sent).toEqual([]);
    expect(targets()).toBe(0);
  });

  it("resumes at --from and refuses an index past the end", async () => {
    const text = [0, 1, 2, 3].map((i) => quote("AAPL", i)).join("\n");
    const { deps, sent } = harness(text);
    const result = await runReplay({ ...defaults, from: 2 }, deps);
    expect(sent.flat().map((e) => e.index)).toEqual([2, 3]);
    expect(result.summary).toMatchObject({ records: 2, sent: 2 });
    const again = harness(text);
    await expect(runReplay({ ...defaults, from: 4 }, again.deps)).rejects.toBeInstanceOf(UsageError);
  });

  it("refuses an empty array", async () => {
    const { deps } = harness("[]");
    await expect(runReplay(defaults, deps)).rejects.toThrow("The replay input stdin contains no records");
  });

  it("reports acknowledged records and the resume index after a failure", async () => {
    const lines = Array.from({ length: 1200 }, (_, i) => quote("AAPL", i)).join("\n");
    const { deps } = harness(lines, async (batch) =>
      (batch[0]?.index ?? 0) >= 500
        ? { acknowledged: batch.map((e) => e.index < 510), error: "ECONNREFUSED" }
        : { acknowledged: batch.map(() => true) },
    );
    const result = await runReplay(defaults, deps);
    expect(result.summary).toMatchObject({ records: 1200, sent: 510, failed: 690, batches: 2 });
    const error = replayStoppedError(result, (from) => `bavest-signals replay --local - --from ${from}`);
    expect(error.message).toContain("Acknowledged (510): index 0-509.");
    expect(error.message).toContain("First record not acknowledged: index 510 (line 511).");
    expect(error.hint).toBe(
      "Once the stream is reachable, resume with: bavest-signals replay --local - --from 510",
    );
  });
});

describe("planBatches", () => {
  it("makes smaller batches under --rate", () => {
    const entries = Array.from({ length: 120 }, (_, i) => entry(i, "A"));
    expect(planBatches(entries, undefined).map((b) => b.length)).toEqual([120]);
    expect(planBatches(entries, 200).map((b) => b.length)).toEqual([50, 50, 20]);
  });

  it("puts each partition key in one lane and interleaves the lanes' batches", () => {
    const entries = Array.from({ length: 1300 }, (_, i) => entry(i, ["A", "B", "C"][i % 3] ?? "A"));
    const batches = planBatches(entries, undefined, 2);
    const keysOf = (batch: ReplayEntry[]) => [...new Set(batch.map((e) => e.PartitionKey))].sort().join("");
    // A (434 records) gets a lane of its own; B and C (433 each) share the other.
    expect(batches.map(keysOf)).toEqual(["A", "BC", "BC"]);
    expect(
      batches
        .flat()
        .filter((e) => e.PartitionKey === "B")
        .map((e) => e.index),
    ).toEqual(entries.filter((e) => e.PartitionKey === "B").map((e) => e.index));
    expect(batches.flat()).toHaveLength(1300);
  });

  it("keeps each batch under 5 MiB", () => {
    const big = (i: number): ReplayEntry => ({ ...entry(i, "A"), Data: new Uint8Array(900 * 1024) });
    const batches = planBatches(
      Array.from({ length: 12 }, (_, i) => big(i)),
      undefined,
    );
    expect(batches.map((b) => b.length)).toEqual([5, 5, 2]);
  });
});
