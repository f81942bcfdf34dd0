import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeWorldReadable } from "../../../src/deploy/bundlePermissions.js";

describe("the Lambda bundles' file modes", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("opens bundles built under the CLI's private umask to 644 files in 755 folders", () => {
    // prepare: what a build under umask 077 leaves behind
    dir = mkdtempSync(join(tmpdir(), "bundles-"));
    const fn = join(dir, "processing");
    mkdirSync(fn);
    writeFileSync(join(fn, "index.mjs"), "export const handler = () => {};");
    chmodSync(join(fn, "index.mjs"), 0o600);
    chmodSync(fn, 0o700);
    // act
    makeWorldReadable(dir);
    // assess
    expect(statSync(fn).mode & 0o777).toBe(0o755);
    expect(statSync(join(fn, "index.mjs")).mode & 0o777).toBe(0o644);
  });
});
