import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CliError } from "../../../src/lib/errors.js";
import { readReplayInput } from "../../../src/replay/input.js";

describe("readReplayInput", () => {
  it("reads stdin for -", async () => {
    const input = await readReplayInput("-", {
      stdin: Readable.from([Buffer.from('{"a":'), Buffer.from("1}")]),
    });
    expect(input).toEqual({ name: "stdin", text: '{"a":1}' });
  });

  it("names a missing file and how to pass one", async () => {
    const error = await readReplayInput("/nonexistent/quotes.json").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe("The replay input /nonexistent/quotes.json does not exist.");
    expect((error as CliError).exitCode).toBe(1);
  });

  it("refuses binary data", async () => {
    const readFile = async () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]);
    await expect(readReplayInput("image.png", { readFile })).rejects.toThrow(
      "The replay input image.png is binary data, not UTF-8 JSON text.",
    );
  });

  it("refuses invalid UTF-8 even without NUL bytes", async () => {
    const readFile = async () => Uint8Array.from([0x5b, 0xc3, 0x28, 0x5d]);
    await expect(readReplayInput("x.json", { readFile })).rejects.toThrow(/binary data/);
  });

  it("refuses an empty or blank input", async () => {
    await expect(readReplayInput("-", { stdin: Readable.from([]) })).rejects.toThrow(
      "The replay input stdin is empty: there is nothing to replay.",
    );
    const readFile = async () => Buffer.from("  \n\n");
    await expect(readReplayInput("blank.jsonl", { readFile })).rejects.toThrow(/blank.jsonl is empty/);
  });
});

describe("readReplayInput from a terminal", () => {
  it("refuses to wait for typed input, with exit 2", async () => {
    const stdin = Object.assign(Readable.from([]), { isTTY: true });
    const error = await readReplayInput("-", { stdin }).catch((e: unknown) => e);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).hint).toContain("| bavest-signals replay --local -");
  });
});
