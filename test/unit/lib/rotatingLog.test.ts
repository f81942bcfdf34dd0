import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createRotatingLog, rotatedLogFile } from "../../../src/lib/rotatingLog.js";
import { readLocalLogs } from "../../../src/logs/localLogs.js";

const line = (n: number) => `line ${String(n).padStart(4, "0")} ${"x".repeat(80)}\n`;

function write(log: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => log.write(text, (error) => (error ? reject(error) : resolve())));
}

function end(log: Writable): Promise<void> {
  return new Promise((resolve) => log.end(() => resolve()));
}

async function writeLines(log: Writable, from: number, to: number): Promise<void> {
  for (let n = from; n < to; n += 1) await write(log, line(n));
}

describe("the rotating local log", () => {
  it("caps each file, keeps a few rotated ones and never splits a line", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rotate-")), "processing.log");
    const log = createRotatingLog(file, { maxBytes: 1_000, keep: 2 });
    await writeLines(log, 0, 100);
    // A chunk that ends mid-line is not a place to rotate: its line ends in the same file.
    await write(log, "partial ");
    await write(log, "end\n");
    await end(log);
    expect(existsSync(rotatedLogFile(file, 1))).toBe(true);
    expect(existsSync(rotatedLogFile(file, 2))).toBe(true);
    expect(existsSync(rotatedLogFile(file, 3))).toBe(false);
    const files = [rotatedLogFile(file, 2), rotatedLogFile(file, 1), file];
    for (const path of files) {
      expect(statSync(path).size).toBeLessThan(1_000 + line(0).length);
      expect(readFileSync(path, "utf8").endsWith("\n")).toBe(true);
    }
    const kept = files.flatMap((path) => readFileSync(path, "utf8").split("\n").filter(Boolean));
    // The newest lines survive, in order, each whole.
    expect(kept.at(-1)).toBe("partial end");
    expect(kept.at(-2)).toBe(line(99).trimEnd());
    const numbers = kept.slice(0, -1).map((text) => Number(text.split(" ")[1]));
    expect(numbers).toEqual(numbers.map((_, index) => (numbers[0] as number) + index));
    expect(numbers[0]).toBeGreaterThan(0);
  });

  it("is read back across its rotated files, oldest first, also while following", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rotate-")), "processing.log");
    const log = createRotatingLog(file, { maxBytes: 2_000, keep: 3 });
    await writeLines(log, 0, 30);
    const seen: string[] = [];
    const stop = new AbortController();
    let following!: () => void;
    const started = new Promise<void>((resolve) => {
      following = resolve;
    });
    const reading = readLocalLogs(
      [{ source: "processing", file }],
      { since: null, follow: true, signal: stop.signal, pollMs: 20, onFollowing: () => following() },
      (entry) => seen.push(entry.text),
    );
    await started;
    // Enough new lines to rotate while the reader follows.
    await writeLines(log, 30, 60);
    const deadline = Date.now() + 5_000;
    while (seen.length < 60 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    await reading;
    await end(log);
    expect(seen).toEqual(Array.from({ length: 60 }, (_, n) => line(n).trimEnd()));
  });
});

describe("the rotating local log on a full disk", () => {
  it("drops lines while there is no room, reports each, and writes again once there is", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rotate-full-")), "processing.log");
    let room = false;
    const outcomes: Array<string | null> = [];
    const log = createRotatingLog(file, {
      canWrite: () => room,
      onWrite: (error) => outcomes.push(error ? error.message : null),
    });
    await write(log, line(1));
    room = true;
    await write(log, line(2));
    await end(log);
    expect(readFileSync(file, "utf8")).toBe(line(2));
    expect(outcomes[0]).toMatch(/dropped/);
    expect(outcomes[1]).toBeNull();
  });

  it("never fails the stream when a write fails: the line is dropped and the error reported", async () => {
    const outcomes: Array<string | null> = [];
    // /dev/full answers every write with ENOSPC, as a full disk does.
    const log = createRotatingLog("/dev/full", { onWrite: (error) => outcomes.push(error?.message ?? null) });
    let failed = false;
    log.on("error", () => {
      failed = true;
    });
    await write(log, line(1));
    await write(log, line(2));
    await end(log);
    expect(failed).toBe(false);
    expect(outcomes).toHaveLength(2);
    expect(outcomes[0]).toMatch(/ENOSPC/);
  });
});
