import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendDeadLetters, deadLetterMetaFile } from "../../../src/local/mapping/deadLetter.js";
import { metaLinesWithout } from "../../../src/redrive/deadLetterMeta.js";
import { localDeadLetterSource } from "../../../src/redrive/localSource.js";
import { renderRedrive } from "../../../src/redrive/render.js";
import { recentDeadLettersHeld } from "../../../src/status/deadLetterMeta.js";

const envelope = (symbol: string, t: number) =>
  Buffer.from(
    JSON.stringify({
      schemaVersion: 1,
      symbol,
      fetchedAt: new Date(t * 1000).toISOString(),
      quote: { c: 10, t },
    }),
  );
const record = (sequenceNumber: string, data: Uint8Array) => ({
  shardId: "shardId-0",
  sequenceNumber,
  partitionKey: "AAPL",
  data,
  approximateArrivalTimestamp: new Date(0),
});

/** A dead-letter file as dev writes it: batch 1 of 2 records, batch 2 of 2 records and one that is not an envelope. */
async function deadLetters(): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), "bavest-meta-")), "dead-letter.jsonl");
  const now = new Date("2026-11-20T15:00:00Z");
  const batch = (records: ReturnType<typeof record>[]) => ({
    shardId: "shardId-0",
    records,
    reason: "Redis down",
    attempts: 2,
  });
  await appendDeadLetters(
    file,
    batch([record("1", envelope("AAPL", 1)), record("2", envelope("AAPL", 2))]),
    now,
  );
  await appendDeadLetters(
    file,
    batch([
      record("3", envelope("MSFT", 3)),
      record("4", Buffer.from("not json")),
      record("5", envelope("MSFT", 5)),
    ]),
    now,
  );
  return file;
}

describe("the dead-letter meta file after a redrive", () => {
  it("loses the entries of the lines removed, keeping what the file still holds", async () => {
    const file = await deadLetters();
    const { lines } = await import("../../../src/redrive/deadLetterFile.js").then((m) =>
      m.readDeadLetterFile(deadLetterMetaFile(file)),
    );
    // Lines 1-2 are batch 1, lines 3-4 batch 2 (sequence numbers 3 and 5; 4 is not replayable).
    const changed = metaLinesWithout(lines, new Set([1, 2, 4]));
    expect(changed.get(1)).toBeNull();
    const second = JSON.parse(changed.get(2) ?? "{}") as { records: Array<{ sequenceNumber: string }> };
    expect(second.records.map((r) => r.sequenceNumber)).toEqual(["3", "4"]);
  });

  it("is removed with the dead-letter file when the redrive empties it, and says lines of the file", async () => {
    const file = await deadLetters();
    const source = localDeadLetterSource(file);
    const collected = await source.collect();
    expect(collected.records).toHaveLength(4);
    // The not-replayable record of batch 2 stays in the meta file: it is what cannot be recovered.
    await source.remove(["1", "2", "3", "4"]);
    expect(existsSync(file)).toBe(false);
    const meta = (await readFile(deadLetterMetaFile(file), "utf8")).trim().split("\n");
    expect(meta).toHaveLength(1);
    expect(JSON.parse(meta[0] ?? "{}").records).toEqual([{ sequenceNumber: "4", partitionKey: "AAPL" }]);
    expect(
      renderRedrive({
        status: "redriven",
        source: source.description,
        items: source.items,
        target: "the local pipeline",
        records: 4,
        resent: 4,
        failed: 0,
        unrecoverable: [],
        removed: 4,
        kept: 0,
      }),
    ).toContain("removed 4 line(s) of dead-letter.jsonl, kept 0");
  });

  it("leaves no meta file behind when every dead letter was an envelope and all were resent", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "bavest-meta-")), "dead-letter.jsonl");
    await appendDeadLetters(file, {
      shardId: "shardId-0",
      records: [record("1", envelope("AAPL", 1)), record("2", envelope("AAPL", 2))],
      reason: "Redis down",
      attempts: 2,
    });
    const source = localDeadLetterSource(file);
    await source.collect();
    await source.remove(["1", "2"]);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(deadLetterMetaFile(file))).toBe(false);
    expect(await recentDeadLettersHeld(deadLetterMetaFile(file), Date.now(), 300_000)).toBe(0);
  });

  it("counts for status what the dead letter still holds of the last 5 minutes", async () => {
    const file = await deadLetters();
    const meta = deadLetterMetaFile(file);
    const at = Date.parse("2026-11-20T15:00:00Z");
    expect(await recentDeadLettersHeld(meta, at + 60_000, 300_000)).toBe(5);
    expect(await recentDeadLettersHeld(meta, at + 3_600_000, 300_000)).toBe(0);
    await writeFile(meta, "not a batch\n", { flag: "a" });
    expect(await recentDeadLettersHeld(meta, at + 60_000, 300_000)).toBe(5);
  });
});
