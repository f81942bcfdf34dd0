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

/** A Writable that keeps its text and claims to be a terminal or not. */
function terminalSink(isTTY: boolean) {
  const kept = sink();
  return { stream: Object.assign(kept.stream, { isTTY }), text: kept.text };
}

const ESCAPE = "\u001b[";

describe("colour is decided per stream", () => {
  it("writes no escape codes into a piped stdout when only stderr is a terminal", () => {
    const out = terminalSink(false);
    const err = terminalSink(true);
    const output = createOutput({ stdout: out.stream, stderr: err.stream, env: {} });
    expect(output.fancy).toBe(true);
    expect(output.stdoutFancy).toBe(false);
    output.result({}, () => "\u001b[32mok\u001b[39m done");
    expect(out.text()).toBe("ok done\n");
  });

  it("colours stdout's text on a terminal stdout even when stderr is piped", () => {
    const out = terminalSink(true);
    const err = terminalSink(false);
    const output = createOutput({ stdout: out.stream, stderr: err.stream, env: {} });
    expect(output.stdoutFancy).toBe(true);
    expect(output.fancy).toBe(false);
    output.result({}, () => "\u001b[32mok\u001b[39m");
    expect(out.text()).toContain(ESCAPE);
    output.info("\u001b[31mprogress\u001b[39m");
    expect(err.text()).toBe("progress\n");
  });

  it("NO_COLOR, CI and --no-color win over two terminals", () => {
    for (const [env, color] of [
      [{ NO_COLOR: "1" }, true],
      [{ CI: "1" }, true],
      [{}, false],
    ] as const) {
      const output = createOutput({
        stdout: terminalSink(true).stream,
        stderr: terminalSink(true).stream,
        env,
        color,
      });
      expect([output.fancy, output.stdoutFancy]).toEqual([false, false]);
    }
  });

  it("doctor run through the CLI writes plain text into a piped stdout, stderr being a terminal", async () => {
    const { main } = await import("../../../src/cli.js");
    const out = terminalSink(false);
    const err = terminalSink(true);
    await main(["doctor", "--only", "local"], {
      stdout: out.stream,
      stderr: err.stream,
      env: { PATH: process.env.PATH },
    });
    expect(out.text()).toContain("local:");
    expect(out.text()).not.toContain(ESCAPE);
  });

  it("doctor run through the CLI colours a terminal stdout although stderr is piped", async () => {
    const { main } = await import("../../../src/cli.js");
    const out = terminalSink(true);
    const err = terminalSink(false);
    await main(["doctor", "--only", "local"], {
      stdout: out.stream,
      stderr: err.stream,
      env: { PATH: process.env.PATH },
    });
    expect(out.text()).toContain(ESCAPE);
    expect(err.text()).not.toContain(ESCAPE);
  });
});
