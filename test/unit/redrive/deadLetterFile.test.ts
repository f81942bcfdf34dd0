import { existsSync } from "node:fs";
import { appendFile, mkdtemp, open, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDeadLetterFile, removeDeadLetterLines } from "../../../src/redrive/deadLetterFile.js";

async function fileWith(text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), "bavest-redrive-")), "dead-letter.jsonl");
  await writeFile(file, text);
  return file;
}

describe("the dead-letter file reader", () => {
  it("reads complete lines only: a line still being appended is left for later", async () => {
    const file = await fileWith('{"a":1}\n{"b":2}\n{"c":');

    const snapshot = await readDeadLetterFile(file);

    expect(snapshot.lines).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 2, text: '{"b":2}' },
    ]);
    expect(snapshot.bytes.toString()).toBe('{"a":1}\n{"b":2}\n');
  });

  it("treats a missing file as empty", async () => {
    const snapshot = await readDeadLetterFile(join(tmpdir(), "no-such-dir-bavest", "dead-letter.jsonl"));
    expect(snapshot.lines).toEqual([]);
  });
});

describe("removing resent lines", () => {
  it("keeps the lines not resent and every line appended after the file was read", async () => {
    const file = await fileWith("one\ntwo\nthree\n");
    const snapshot = await readDeadLetterFile(file);
    await appendFile(file, "four\nfi");

    await removeDeadLetterLines(file, snapshot, new Set([1, 3]));

    expect(await readFile(file, "utf8")).toBe("two\nfour\nfi");
  });

  it("keeps a line a writer appended to the old file after it was replaced", async () => {
    const file = await fileWith("one\ntwo\n");
    const snapshot = await readDeadLetterFile(file);
    // A writer that opened the file before the rewrite keeps writing to the old one.
    const writer = await open(file, "a");

    await removeDeadLetterLines(file, snapshot, new Set([1]), async () => {
      await writer.write("late\n");
      await writer.close();
    });

    expect(await readFile(file, "utf8")).toBe("two\nlate\n");
  });

  it("removes the file when nothing is left in it", async () => {
    const file = await fileWith("one\ntwo\n");
    const snapshot = await readDeadLetterFile(file);

    await removeDeadLetterLines(file, snapshot, new Set([1, 2]));

    expect(existsSync(file)).toBe(false);
  });

  it("changes nothing when the file was rewritten by someone else meanwhile", async () => {
    const file = await fileWith("one\ntwo\n");
    const snapshot = await readDeadLetterFile(file);
    await writeFile(file, "other\n");

    await expect(removeDeadLetterLines(file, snapshot, new Set([1]))).rejects.toThrow(
      "changed while it was being redriven",
    );
    expect(await readFile(file, "utf8")).toBe("other\n");
  });
});
