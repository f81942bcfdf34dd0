import { mkdir, mkdtemp, readdir, readFile, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonFileWriter } from "../../../src/lib/jsonFileWriter.js";

describe("jsonFileWriter", () => {
  it("folds requests during a write into one more write and leaves no temporary file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "json-writer-"));
    const file = join(dir, "state.json");
    let value = 0;
    let rendered = 0;
    const writer = jsonFileWriter(file, () => {
      rendered += 1;
      return { value };
    });
    const first = writer.write();
    value = 1;
    void writer.write();
    value = 2;
    void writer.write();
    await first;
    expect(rendered).toBe(2);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ value: 2 });
    value = 3;
    await writer.flush();
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ value: 3 });
    expect(await readdir(dir)).toEqual(["state.json"]);
  });

  it("hands a failed write to onError and writes again on the next request", async () => {
    const dir = await mkdtemp(join(tmpdir(), "json-writer-"));
    const errors: unknown[] = [];
    const missing = jsonFileWriter(
      join(dir, "no-such-dir", "state.json"),
      () => ({}),
      (e) => errors.push(e),
    );
    await missing.write();
    await missing.write();
    expect(errors).toHaveLength(2);
  });

  it("leaves no temporary file when a write fails and writes by itself once it can", async () => {
    const dir = await mkdtemp(join(tmpdir(), "json-writer-"));
    const file = join(dir, "sub", "state.json");
    const errors: unknown[] = [];
    let written = 0;
    const writer = jsonFileWriter(
      file,
      () => ({ n: 1 }),
      (e) => errors.push(e),
      {
        retryMs: 20,
        onWritten: () => {
          written += 1;
        },
      },
    );
    // The folder missing makes the temporary file fail to open, as a full disk makes it fail to fill.
    await writer.write();
    expect(errors).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
    await mkdir(join(dir, "sub"));
    for (let i = 0; i < 100 && written === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(written).toBe(1);
    expect(await readdir(join(dir, "sub"))).toEqual(["state.json"]);
  });

  it("removes the 0-byte temporary file a failed write to a full disk leaves", async () => {
    const dir = await mkdtemp(join(tmpdir(), "json-writer-"));
    // /dev/full as the file's folder cannot be: point the temporary file at it through a symlink.
    const file = join(dir, "state.json");
    await symlink("/dev/full", `${file}.${process.pid}.tmp`);
    const errors: unknown[] = [];
    const writer = jsonFileWriter(
      file,
      () => ({ n: 1 }),
      (e) => errors.push(e),
      { retryMs: 60_000 },
    );
    await writer.write();
    expect(String(errors[0])).toMatch(/ENOSPC/);
    expect(await readdir(dir)).toEqual([]);
  });
});
