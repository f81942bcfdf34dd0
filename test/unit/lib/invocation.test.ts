import { describe, expect, it } from "vitest";
import { invocationOf, rewriteInvocation } from "../../../src/lib/invocation.js";

describe("how the CLI was started", () => {
  const cwd = "/home/me/bavest-signals";

  it("is npx under npx (npm exec)", () => {
    const env = { npm_command: "exec", PATH: "/usr/bin" };
    expect(invocationOf(`${cwd}/node_modules/.bin/bavest-signals`, env, cwd)).toBe("npx bavest-signals");
  });

  it("is the bare name when it was found on PATH (npm link, a global install)", () => {
    expect(invocationOf("/usr/local/bin/bavest-signals", { PATH: "/usr/bin:/usr/local/bin" }, cwd)).toBe(
      "bavest-signals",
    );
  });

  it("is the script's path when it was started as a file", () => {
    expect(invocationOf(`${cwd}/bin/bavest-signals.js`, { PATH: "/usr/bin" }, cwd)).toBe(
      "node bin/bavest-signals.js",
    );
    expect(invocationOf(`${cwd}/bin/bavest-signals.js`, { PATH: "/usr/bin" }, "/tmp")).toBe(
      `node ${cwd}/bin/bavest-signals.js`,
    );
    expect(invocationOf(`${cwd}/node_modules/.bin/bavest-signals`, { PATH: "/usr/bin" }, cwd)).toBe(
      "node_modules/.bin/bavest-signals",
    );
    expect(invocationOf("/my dir/bin/bavest-signals.js", {}, cwd)).toBe(
      'node "/my dir/bin/bavest-signals.js"',
    );
  });

  it("rewrites commands in hints and leaves paths and config keys alone", () => {
    const text =
      "Run: bavest-signals configure --stack prod\nsee ~/.bavest-signals/local, key bavest-signals:shards, `bavest-signals dev`";
    expect(rewriteInvocation(text, "npx bavest-signals")).toBe(
      "Run: npx bavest-signals configure --stack prod\nsee ~/.bavest-signals/local, key bavest-signals:shards, `npx bavest-signals dev`",
    );
    expect(rewriteInvocation(text, "bavest-signals")).toBe(text);
    expect(rewriteInvocation(text, undefined)).toBe(text);
  });
});
