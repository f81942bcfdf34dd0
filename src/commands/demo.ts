import { Command } from "commander";
import { normalizeSymbol } from "../core/symbol.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import { UsageError } from "../lib/errors.js";
import { createStyle } from "../lib/style.js";
import type { DemoReport } from "../local/demo/demo.js";
import { exitProcess } from "./stopSignal.js";

/** The plain-text result: the overview of every symbol, then one symbol in detail. */
export function renderDemo(report: DemoReport, fancy: boolean): string {
  const style = createStyle(fancy);
  return [
    style.bold(
      `Sent ${report.sent} records from ${report.fixture}; the processing function handled all of them.`,
    ),
    "",
    style.bold("Every tracked symbol:"),
    report.overviewText,
    "",
    style.bold("One symbol in detail:"),
    report.detailText,
    "",
    "Everything started for this demo is stopped again. To keep a pipeline running and inspect it, use: bavest-signals dev",
  ].join("\n");
}

/** The symbols of the demo's fixture, in the order they first appear. */
export async function fixtureSymbols(file: string): Promise<string[]> {
  const { readFixtureValues } = await import("../local/demo/fixtureSender.js");
  const records = (await readFixtureValues(file)) as Array<{ symbol?: unknown } | null>;
  const symbols = records.map((record) =>
    typeof record?.symbol === "string" ? normalizeSymbol(record.symbol) : null,
  );
  return [...new Set(symbols.filter((symbol): symbol is string => symbol !== null))];
}

/**
 * The detail symbol, checked against the fixture before anything starts: a symbol the demo
 * never sends could only fail after the whole pipeline ran.
 */
export async function demoSymbol(text: string, fixture: string): Promise<string> {
  const symbols = await fixtureSymbols(fixture);
  const symbol = normalizeSymbol(text);
  if (symbol === null || !symbols.includes(symbol)) {
    throw new UsageError(`--symbol ${text}: the demo's fixture has no such symbol.`, {
      hint: `Use one of: ${symbols.join(", ")} (for example: bavest-signals demo --symbol ${symbols[0]})`,
    });
  }
  return symbol;
}

/** `bavest-signals demo`: the whole product, on this machine, in one command. Exits 0 when it worked. */
export function demoCommand(io: ContextIo): Command {
  return new Command("demo")
    .description(
      "start the local pipeline, replay fixtures/sample.json, show the signals, stop (needs redis-server)",
    )
    .option("--symbol <symbol>", "the symbol to show in detail, one of the fixture's", "AAPL")
    .addHelpText(
      "after",
      "\nWith --json: the counts, every symbol's latest Signal and the detail symbol's history.",
    )
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const { symbol } = this.opts<{ symbol: string }>();
      const { SAMPLE_FIXTURE } = await import("../local/servers/fakeBavest.js");
      const detailSymbol = await demoSymbol(symbol, SAMPLE_FIXTURE);
      const { runDemo } = await import("../local/demo/demoSession.js");
      const report = await runDemo({ detailSymbol, env: context.env, exit: exitProcess }, context.output);
      const { overviewText: _overview, detailText: _detail, ...json } = report;
      context.output.result(json, () => renderDemo(report, context.output.stdoutFancy));
    });
}
