import { describe, expect, it } from "vitest";
import { buildProgram } from "../../../src/cli.js";
import { COMMAND_EXAMPLES, examplesHelp } from "../../../src/lib/examples.js";
import { memoryStreams } from "../../helpers/memoryStreams.js";

function helpOf(args: string[], invokedAs?: string): string {
  const { stdout, stderr, out } = memoryStreams();
  const program = buildProgram({ stdout, stderr, ...(invokedAs ? { invokedAs } : {}) });
  try {
    program.parse([...args, "--help"], { from: "user" });
  } catch {
    // commander's exitOverride throws after printing the help.
  }
  return out();
}

describe("the examples of every command's help", () => {
  const commands = buildProgram().commands.map((command) => command.name());

  it("has an entry for every registered command (a new command needs one in src/lib/examples.ts)", () => {
    expect(commands.length).toBeGreaterThan(10);
    const without = commands.filter((name) => (COMMAND_EXAMPLES[name] ?? []).length === 0);
    expect(without).toEqual([]);
  });

  it("shows them under --help of each command, with the global options", () => {
    for (const name of commands) {
      const help = helpOf([name]);
      expect(help, name).toContain("Examples:");
      for (const [command] of COMMAND_EXAMPLES[name] ?? []) expect(help, name).toContain(command);
      for (const global of ["--stack <name>", "--local", "--json", "--yes", "--verbose"]) {
        expect(help, name).toContain(global);
      }
    }
  });

  it("names every example's command after itself and only with its own flags", () => {
    for (const name of commands) {
      for (const [command] of COMMAND_EXAMPLES[name] ?? []) {
        expect(command, name).toMatch(new RegExp(`bavest-signals ${name}( |$)`));
      }
    }
  });

  it("writes the examples the way the CLI was started", () => {
    expect(examplesHelp("status", "npx bavest-signals")).toContain("$ npx bavest-signals status --local");
    expect(helpOf(["status"], "node bin/bavest-signals.js")).toContain(
      "$ node bin/bavest-signals.js status --local",
    );
  });
});
