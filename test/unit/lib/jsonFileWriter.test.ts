import { mkdtemp, readdir, readFile } from "node:fs/promises";
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
});
