import { Command } from "commander";
import { type ContextIo, contextFor } from "../lib/context.js";
import { createStyle } from "../lib/style.js";
import type { DemoReport } from "../local/demo.js";

/** The plain-text result: the overview of every symbol, then one symbol in detail. */
export function renderDemo(report: DemoReport, fancy: boolean): string {
  const style = createStyle(fancy);
  return [
    style.bold(
      `Sent ${report.sent} records from ${report.fixture}; the processing function handled all of them.`,
    ),
    "",
    style.bold("Every tracked symbol (bavest-signals inspect --local):"),
    report.overviewText,
    "",
    style.bold("One symbol in detail:"),
    report.detailText,
    "",
    "Everything started for this demo is stopped again. To keep a pipeline running, use: bavest-signals dev",
  ].join("\n");
}

/** `bavest-signals demo`: the whole product, on this machine, in one command. Exits 0 when it worked. */
export function demoCommand(io: ContextIo): Command {
  return new Command("demo")
    .description(
      "start the local pipeline, replay fixtures/sample.json, show the signals, stop (needs redis-server)",
    )
    .option("--symbol <symbol>", "the symbol to show in detail", "AAPL")
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const { symbol } = this.opts<{ symbol: string }>();
      const { runDemo } = await import("../local/demoSession.js");
      const report = await runDemo({ detailSymbol: symbol, env: context.env }, context.output);
      const { overviewText: _overview, detailText: _detail, ...json } = report;
      context.output.result(json, () => renderDemo(report, context.output.fancy));
    });
}
