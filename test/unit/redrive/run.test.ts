import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CliError } from "../../../src/lib/errors.js";
import { localDeadLetterSource } from "../../../src/redrive/localSource.js";
import { renderRedrive } from "../../../src/redrive/render.js";
import { type RedriveDeps, runRedrive } from "../../../src/redrive/run.js";
import type { ReplayEntry } from "../../../src/replay/validate.js";
import { envelopeFactory } from "../../helpers/factories.js";
import { memoryOutput } from "../../helpers/memoryStreams.js";

const target = { streamName: "quotes", region: "eu-central-1", description: "the local pipeline" };

async function deadLetters(lines: string[]): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), "bavest-redrive-")), "dead-letter.jsonl");
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

/** A sender that acknowledges everything except the partition keys in `refuse`. */
function setup(file: string, options: { refuse?: string[]; interactive?: boolean; answer?: boolean } = {}) {
  const sent: ReplayEntry[] = [];
  const asked: string[] = [];
  const deps: RedriveDeps = {
    output: memoryOutput().output,
    interactive: options.interactive ?? false,
    confirm: async (message) => {
      asked.push(message);
      return options.answer ?? true;
    },
    open: async () => ({ source: localDeadLetterSource(file), target }),
    createSender: async () => ({
      send: async (batch) => {
        sent.push(...batch);
        const acknowledged = batch.map((entry) => !(options.refuse ?? []).includes(entry.PartitionKey));
        return acknowledged.every(Boolean)
          ? { acknowledged }
          : { acknowledged, error: "ProvisionedThroughputExceededException: slow down" };
      },
      close: () => {},
    }),
  };
  return { deps, sent, asked };
}

const line = (symbol: string, t: number) => JSON.stringify(envelopeFactory(symbol, { t }));

describe("redrive of the local dead-letter file", () => {
  it("resends every envelope with its symbol as partition key and empties the file", async () => {
    const file = await deadLetters([line("AAPL", 1), line("MSFT", 2), line("AAPL", 3)]);
    const { deps, sent } = setup(file);

    const result = await runRedrive({ yes: true, targetFlag: "--local" }, deps);

    expect(result).toMatchObject({
      status: "redriven",
      records: 3,
      resent: 3,
      failed: 0,
      removed: 3,
      kept: 0,
    });
    expect(sent.map((entry) => entry.PartitionKey).sort()).toEqual(["AAPL", "AAPL", "MSFT"]);
    expect(JSON.parse(Buffer.from(sent[0]?.Data ?? []).toString()).symbol).toBeDefined();
    await expect(readFile(file, "utf8")).rejects.toThrow(/ENOENT/);
  });

  it("keeps what was not acknowledged and what is not an envelope, and says why", async () => {
    const file = await deadLetters([line("AAPL", 1), "not json", line("MSFT", 2), '{"symbol":"???"}']);
    const { deps } = setup(file, { refuse: ["MSFT"] });

    const result = await runRedrive({ yes: true, targetFlag: "--local" }, deps);

    expect(result).toMatchObject({ resent: 1, failed: 1, removed: 1, kept: 3 });
    expect(result.unrecoverable.map((item) => item.label)).toEqual([
      "dead-letter.jsonl line 2",
      "dead-letter.jsonl line 4",
    ]);
    expect(result.unrecoverable[0]?.reason).toBe("is not valid JSON");
    expect(await readFile(file, "utf8")).toBe(`not json\n${line("MSFT", 2)}\n{"symbol":"???"}\n`);
    const text = renderRedrive(result);
    expect(text).toContain("1 record(s) were not acknowledged: ProvisionedThroughputExceededException");
    expect(text).toContain("dead-letter.jsonl line 2: is not valid JSON");
  });

  it("refuses without a terminal unless --yes, before sending or removing anything", async () => {
    const file = await deadLetters([line("AAPL", 1)]);
    const { deps, sent } = setup(file, { interactive: false });

    await expect(runRedrive({ yes: false, targetFlag: "--local" }, deps)).rejects.toMatchObject({
      message: expect.stringContaining("no terminal"),
      hint: "Pass --yes: bavest-signals redrive --local --yes",
    });
    expect(sent).toEqual([]);
    expect(await readFile(file, "utf8")).toBe(`${line("AAPL", 1)}\n`);
  });

  it("says what cannot be opened (a missing Pulumi CLI, a stack) before asking for --yes", async () => {
    const file = await deadLetters([line("AAPL", 1)]);
    const { deps } = setup(file, { interactive: false });
    deps.open = async () => {
      throw new CliError("The Pulumi CLI is not installed.");
    };

    await expect(runRedrive({ yes: false, targetFlag: "--stack prod" }, deps)).rejects.toThrow(
      "The Pulumi CLI is not installed.",
    );
  });

  it("asks on a terminal and sends nothing when declined", async () => {
    const file = await deadLetters([line("AAPL", 1), line("MSFT", 2)]);
    const { deps, sent, asked } = setup(file, { interactive: true, answer: false });

    const result = await runRedrive({ yes: false, targetFlag: "--local" }, deps);

    expect(result.status).toBe("declined");
    expect(asked[0]).toMatch(
      /^Send 2 record\(s\) from the dead-letter file .*dead-letter\.jsonl to the local pipeline again\?$/,
    );
    expect(sent).toEqual([]);
    expect((await readFile(file, "utf8")).split("\n")).toHaveLength(3);
  });
});

describe("records dev could not write as envelopes", () => {
  it("are reported from the meta file as unrecoverable, and the meta file is left as it is", async () => {
    const file = await deadLetters([line("AAPL", 1)]);
    const meta = file.replace(/\.jsonl$/, ".meta.jsonl");
    const metaText = `${JSON.stringify({
      shardId: "shardId-000000000000",
      reason: "Redis unreachable",
      notReplayable: [{ sequenceNumber: "4961", reason: "data is not valid UTF-8", dataBase64: "/w==" }],
    })}\n`;
    await writeFile(meta, metaText);
    const { deps } = setup(file);

    const result = await runRedrive({ yes: true, targetFlag: "--local" }, deps);

    expect(result).toMatchObject({ resent: 1, removed: 1, kept: 0 });
    expect(result.unrecoverable).toEqual([
      {
        origin: "dead-letter.meta.jsonl:1",
        label: "dead-letter.meta.jsonl line 1, sequence number 4961",
        reason: "data is not valid UTF-8 (not an envelope: it stays in dead-letter.meta.jsonl)",
      },
    ]);
    expect(await readFile(meta, "utf8")).toBe(metaText);
  });

  it("leave an otherwise empty dead-letter file an empty redrive", async () => {
    const file = await deadLetters([""]);
    await writeFile(
      file.replace(/\.jsonl$/, ".meta.jsonl"),
      `${JSON.stringify({ notReplayable: [{ sequenceNumber: "1", reason: "not JSON" }] })}\n`,
    );
    const { deps, sent } = setup(file);

    const result = await runRedrive({ yes: true, targetFlag: "--local" }, deps);

    expect(result).toMatchObject({ status: "empty", records: 0, removed: 1, kept: 0 });
    expect(result.unrecoverable).toHaveLength(1);
    expect(sent).toEqual([]);
  });
});
