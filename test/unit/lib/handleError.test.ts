import { describe, expect, it } from "vitest";
import { CliError, ExitCode, InterruptedError, UsageError } from "../../../src/lib/errors.js";
import { handleError } from "../../../src/lib/handleError.js";

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
