import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnvelope } from "../../../src/core/envelope.js";
import { runInProcess } from "../../helpers/inProcess.js";

const dir = mkdtempSync(join(tmpdir(), "replay-flags-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { BAVEST_SIGNALS_HOME: dir };
const file = join(dir, "one.jsonl");
writeFileSync(file, `${JSON.stringify({ symbol: "AAPL", quote: { c: 190, t: 1763651100 } })}\n`);

describe("replay's validation says what is really wrong", () => {
  it("calls a quote.t far in the future too far ahead, not missing, even beyond a Date's range", async () => {
    const far = join(dir, "far.jsonl");
    writeFileSync(far, `${JSON.stringify({ symbol: "AAPL", quote: { c: 190, t: 17636511000000 } })}\n`);
    const run = await runInProcess(["replay", far, "--local", "--dry-run"], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("line 1: quote.t 17636511000000 is more than 24 hours ahead");
    expect(run.stderr).toContain("not milliseconds");
    expect(run.stderr).not.toContain("no timestamp");
  });

  it("still says no timestamp when there is none", () => {
    expect(parseEnvelope({ symbol: "AAPL", quote: { c: 1, t: "soon" } })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("no timestamp"),
    });
  });

  it("refuses --wait-timeout without --wait (exit 2)", async () => {
    const run = await runInProcess(["replay", file, "--local", "--wait-timeout", "5s"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--wait-timeout only applies with --wait");
  });

  it("refuses a --from beyond the integers a number holds, naming the flag and the value as typed", async () => {
    const run = await runInProcess(["replay", file, "--local", "--from", "99999999999999999999"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--from 99999999999999999999 is larger than any record index");
    expect(run.stderr).not.toContain("100000000000000000000");
  });
});
