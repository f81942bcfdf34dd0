import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendDeadLetters, deadLetterMetaFile } from "../../../src/local/mapping/deadLetter.js";
import type { StreamRecord } from "../../../src/local/mapping/kinesisEvent.js";

function record(sequenceNumber: string, body: string | Uint8Array): StreamRecord {
  const data = typeof body === "string" ? Buffer.from(body) : body;
  return {
    shardId: "shardId-000000000000",
    sequenceNumber,
    partitionKey: "AAPL",
    data,
    approximateArrivalTimestamp: new Date("2026-11-20T15:00:00Z"),
  };
}

describe("the local dead-letter file", () => {
  it("keeps envelopes replayable and the rest, with the reason, in the metadata", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "dead-letter-")), "dead-letter.jsonl");
    const envelope = {
      schemaVersion: 1,
      symbol: "AAPL",
      fetchedAt: "2026-11-20T15:00:00Z",
      source: "t",
      quote: { c: 1 },
    };

    await appendDeadLetters(
      file,
      {
        shardId: "shardId-000000000000",
        reason: "Redis unreachable",
        attempts: 4,
        records: [
          record("1", JSON.stringify(envelope)),
          record("2", "{ not json"),
          record("3", '{"symbol":"AAPL"}'),
        ],
      },
      new Date("2026-11-20T15:01:00Z"),
    );

    const lines = (await readFile(file, "utf8")).trim().split("\n");
    expect(lines.map((line) => JSON.parse(line))).toEqual([envelope]);
    const meta = JSON.parse(await readFile(deadLetterMetaFile(file), "utf8"));
    expect(meta).toMatchObject({
      reason: "Redis unreachable",
      attempts: 4,
      failedAt: "2026-11-20T15:01:00.000Z",
    });
    expect(meta.records.map((entry: { sequenceNumber: string }) => entry.sequenceNumber)).toEqual([
      "1",
      "2",
      "3",
    ]);
    expect(meta.notReplayable.map((entry: { sequenceNumber: string }) => entry.sequenceNumber)).toEqual([
      "2",
      "3",
    ]);
    expect(meta.notReplayable[1].reason).toMatch(/quote of AAPL is missing/);
    expect(Buffer.from(meta.notReplayable[0].dataBase64, "base64").toString()).toBe("{ not json");
  });
});
