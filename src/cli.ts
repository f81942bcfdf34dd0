import { Command } from "commander";
import { commandRegistrations } from "./commands/index.js";
import type { ContextIo } from "./lib/context.js";
import { ExitCode, type ExitCodeValue } from "./lib/errors.js";
import { handleError } from "./lib/handleError.js";
import { createOutput } from "./lib/output.js";
import { VERSION } from "./lib/version.js";

/** Builds the program: global options, then one registration per command module. */
export function buildProgram(io: ContextIo = {}): Command {
  const program = new Command("bavest-signals")
    .description("Stand up, run and inspect the Bavest P/E signals pipeline, on AWS or locally.")
    .version(VERSION, "-V, --version")
    .option("--stack <name>", "the deployed stack to target (default: $BAVEST_SIGNALS_STACK or dev)")
    .option("--local", "target the local pipeline started by `bavest-signals dev`")
    .option("--json", "print one JSON document on stdout and nothing else there")
    .option("-y, --yes", "answer yes to confirmations")
    .option("--verbose", "show debug output and stack traces")
    .option("--no-color", "never use colour or spinners")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  if (io.stdout || io.stderr) {
    program.configureOutput({
      writeOut: (text) => (io.stdout ?? process.stdout).write(text),
      writeErr: (text) => (io.stderr ?? process.stderr).write(text),
    });
  }
  for (const register of commandRegistrations) {
    const command = register(io);
    // Subcommands share the program's exit override and output streams.
    command.copyInheritedSettings(program);
    program.addCommand(command);
  }
  return program;
}

/** Runs the CLI and returns the exit code; the caller (bin/) sets it on the process. */
export async function main(argv: string[], io: ContextIo = {}): Promise<ExitCodeValue> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return ExitCode.ok;
  } catch (error) {
    const verbose = argv.includes("--verbose");
    const output = createOutput({ verbose, stderr: io.stderr as never, env: io.env });
    return handleError(error, output);
  }
}
