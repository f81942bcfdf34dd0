import { describe, expect, it } from "vitest";
import { createOutput, isFancy } from "../../../src/lib/output.js";
import { textSink } from "../../helpers/memoryStreams.js";

const sink = textSink;

describe("output", () => {
  it("puts the result as JSON on stdout and progress on stderr under --json", () => {
    const out = sink();
    const err = sink();
    const output = createOutput({ json: true, stdout: out.stream, stderr: err.stream, env: {} });
    output.info("working");
    output.result({ a: 1 }, () => "text rendering");
    expect(JSON.parse(out.text())).toEqual({ a: 1 });
    expect(err.text()).toBe("working\n");
  });

  it("renders text when not --json", () => {
    const out = sink();
    const output = createOutput({ stdout: out.stream, stderr: sink().stream, env: {} });
    output.result({ a: 1 }, () => "a = 1");
    expect(out.text()).toBe("a = 1\n");
  });

  it("is fancy only on a TTY without NO_COLOR, CI or --no-color", () => {
    expect(isFancy({ isTTY: true, env: {} })).toBe(true);
    expect(isFancy({ isTTY: false, env: {} })).toBe(false);
    expect(isFancy({ isTTY: true, env: { NO_COLOR: "1" } })).toBe(false);
    expect(isFancy({ isTTY: true, env: { CI: "true" } })).toBe(false);
    expect(isFancy({ isTTY: true, color: false, env: {} })).toBe(false);
  });
});
