import { describe, expect, it } from "vitest";
import { CliError, ExitCode, InterruptedError, UsageError } from "../../../src/lib/errors.js";
import { handleError, tidySentences } from "../../../src/lib/handleError.js";

function capture(verbose = false) {
  const lines: string[] = [];
  return { lines, output: { verbose, info: (line: string) => lines.push(line) } };
}

describe("handleError", () => {
  it("prints a CliError's message and hint and returns exit code 1", () => {
    const { lines, output } = capture();
    const code = handleError(
      new CliError('Stack "prod" does not exist.', { hint: "Run: bavest-signals configure --stack prod" }),
      output,
    );
    expect(code).toBe(ExitCode.failure);
    expect(lines).toEqual([
      'Error: Stack "prod" does not exist.',
      "Run: bavest-signals configure --stack prod",
    ]);
  });

  it("returns exit code 2 for a usage error", () => {
    const { output } = capture();
    expect(handleError(new UsageError('--limit must be a whole number (got "x").'), output)).toBe(2);
  });

  it("returns exit code 130 when interrupted", () => {
    const { output } = capture();
    expect(handleError(new InterruptedError(), output)).toBe(130);
  });

  it("says 'Unexpected error' without a stack unless --verbose", () => {
    const quiet = capture(false);
    expect(handleError(new TypeError("boom"), quiet.output)).toBe(1);
    expect(quiet.lines[0]).toBe("Unexpected error: boom");
    expect(quiet.lines.join("\n")).not.toMatch(/at .*handleError\.test/);
    expect(quiet.lines.join("\n")).toContain("--verbose");

    const loud = capture(true);
    handleError(new TypeError("boom"), loud.output);
    expect(loud.lines.join("\n")).toMatch(/TypeError: boom\n\s+at /);
  });

  it("maps commander's parse errors to usage errors and help to success", () => {
    const { output } = capture();
    const parseError = Object.assign(new Error("unknown option"), {
      code: "commander.unknownOption",
      exitCode: 1,
    });
    const help = Object.assign(new Error("(outputHelp)"), { code: "commander.helpDisplayed", exitCode: 0 });
    expect(handleError(parseError, output)).toBe(ExitCode.usage);
    expect(handleError(help, output)).toBe(ExitCode.ok);
  });
});

describe("handleError under --json", () => {
  it("prints the error document on stdout, in the form the CLI was started", async () => {
    const { createOutput } = await import("../../../src/lib/output.js");
    const { memoryStreams } = await import("../../helpers/memoryStreams.js");
    const { stdout, stderr, out, err } = memoryStreams();
    const output = createOutput({ json: true, stdout, stderr, env: {}, invokedAs: "npx bavest-signals" });
    const code = handleError(
      new CliError("No local pipeline is running.", { hint: "Start one: bavest-signals dev" }),
      output,
    );
    expect(code).toBe(1);
    expect(JSON.parse(out())).toEqual({
      error: {
        message: "No local pipeline is running.",
        hint: "Start one: npx bavest-signals dev",
        exitCode: 1,
      },
    });
    expect(err()).toContain("Start one: npx bavest-signals dev");
  });

  it("adds nothing to stdout when the command already printed its result there", async () => {
    const { createOutput } = await import("../../../src/lib/output.js");
    const { memoryStreams } = await import("../../helpers/memoryStreams.js");
    const { stdout, stderr, out } = memoryStreams();
    const output = createOutput({ json: true, stdout, stderr, env: {} });
    output.result({ ok: false }, () => "");
    handleError(new CliError("Missing prerequisites: pulumi."), output, 0);
    expect(JSON.parse(out())).toEqual({ ok: false });
  });

  it("gives commander's usage errors a document with exit code 2", async () => {
    const { createOutput } = await import("../../../src/lib/output.js");
    const { memoryStreams } = await import("../../helpers/memoryStreams.js");
    const { stdout, stderr, out } = memoryStreams();
    const output = createOutput({ json: true, stdout, stderr, env: {} });
    const parseError = Object.assign(new Error("error: unknown option '--bogus'"), {
      code: "commander.unknownOption",
      exitCode: 1,
    });
    expect(handleError(parseError, output)).toBe(2);
    expect(JSON.parse(out()).error).toMatchObject({ message: "unknown option '--bogus'", exitCode: 2 });
  });
});

describe("messages joined from a cause", () => {
  it("end a sentence with one full stop, keeping an ellipsis and relative paths", () => {
    expect(tidySentences("Lost the connection: Connection is closed..")).toBe(
      "Lost the connection: Connection is closed.",
    );
    expect(tidySentences("Waiting... still")).toBe("Waiting... still");
    expect(tidySentences("Cannot read ../x.json: gone.. Run it again.")).toBe(
      "Cannot read ../x.json: gone. Run it again.",
    );
  });

  it("prints a CliError whose cause ended in a full stop with one", () => {
    const { lines, output } = capture();
    handleError(new CliError("Lost the connection: Connection is closed.."), output);
    expect(lines[0]).toBe("Error: Lost the connection: Connection is closed.");
  });
});
