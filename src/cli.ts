import { Command, Option } from "commander";
import { commandRegistrations, type ProgramDeps } from "./commands/index.js";
import type { ContextIo } from "./lib/context.js";
import { ExitCode, type ExitCodeValue } from "./lib/errors.js";
import { examplesHelp } from "./lib/examples.js";
import { handleError } from "./lib/handleError.js";
import { helpHint, withCommandHelpHint } from "./lib/helpHint.js";
import { createOutput, endQuietlyOnClosedPipe, resultCount } from "./lib/output.js";
import { securePrivateFiles } from "./lib/privateFiles.js";
import { VERSION } from "./lib/version.js";

export type { ProgramDeps } from "./commands/index.js";
export { invocationOf } from "./lib/invocation.js";

/**
 * Builds the program: global options, then one registration per command module, each given
 * its dependencies from `deps` (the real ones when left out).
 */
export function buildProgram(io: ContextIo = {}, deps: ProgramDeps = {}): Command {
  const program = new Command("bavest-signals")
    .description("Stand up, run and inspect the Bavest P/E signals pipeline, on AWS or locally.")
    .version(VERSION, "-V, --version")
    .option("--stack <name>", "the deployed stack to target (default: $BAVEST_SIGNALS_STACK or dev)")
    // One target at a time: `--local --stack prod` is a usage error for every command.
    .addOption(
      new Option("--local", "target the local pipeline started by `bavest-signals dev`").conflicts("stack"),
    )
    .option("--json", "print one JSON document on stdout and nothing else there")
    .option("-y, --yes", "answer yes to confirmations")
    .option("--verbose", "show debug output and stack traces")
    .option("--no-color", "never use colour or spinners")
    // Every subcommand's help lists these too (copied to each by copyInheritedSettings below).
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError(`(${helpHint([], io.invokedAs)})`)
    .exitOverride();
  if (io.stdout || io.stderr) {
    program.configureOutput({
      writeOut: (text) => (io.stdout ?? process.stdout).write(text),
      writeErr: (text) => (io.stderr ?? process.stderr).write(text),
    });
  }
  for (const register of commandRegistrations) {
    const command = register(io, deps);
    // Subcommands share the program's exit override, help settings and output streams.
    command.copyInheritedSettings(program);
    withCommandHelpHint(command, io.invokedAs);
    const examples = examplesHelp(command.name(), io.invokedAs);
    if (examples) command.addHelpText("after", examples);
    program.addCommand(command);
  }
  return program;
}

const VALUE_OPTIONS = new Set(["--stack"]);

/**
 * `nosuchcommand --help` would print the root help and exit 0: without the help flag,
 * commander reports the unknown command with its suggestion and exit 2, as without --help.
 */
export function withoutHelpForUnknownCommand(argv: string[], program: Command): string[] {
  let candidate: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (arg === "--") break;
    if (arg.startsWith("-")) {
      if (VALUE_OPTIONS.has(arg)) index += 1;
      continue;
    }
    candidate = arg;
    break;
  }
  if (candidate === undefined || candidate === "help") return argv;
  const known = program.commands.some(
    (command) => command.name() === candidate || command.aliases().includes(candidate),
  );
  return known ? argv : argv.filter((arg) => arg !== "--help" && arg !== "-h");
}

/** Runs the CLI and returns the exit code; the caller (bin/) sets it on the process. */
export async function main(
  argv: string[],
  io: ContextIo = {},
  deps: ProgramDeps = {},
): Promise<ExitCodeValue> {
  const program = buildProgram(io, deps);
  const stdout = io.stdout ?? process.stdout;
  endQuietlyOnClosedPipe(stdout);
  endQuietlyOnClosedPipe(io.stderr ?? process.stderr);
  const resultsBefore = resultCount(stdout);
  try {
    securePrivateFiles(io.env ?? process.env);
    await program.parseAsync(withoutHelpForUnknownCommand(argv, program), { from: "user" });
    return ExitCode.ok;
  } catch (error) {
    const output = createOutput({
      verbose: argv.includes("--verbose"),
      json: argv.includes("--json"),
      stdout: stdout as never,
      stderr: io.stderr as never,
      env: io.env,
      invokedAs: io.invokedAs,
    });
    return handleError(error, output, resultsBefore);
  }
}
