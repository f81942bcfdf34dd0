import { CliError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import type { EngineEvent, OpenEngine } from "../stack/engine/types.js";
import { collectDrift, type DriftReport } from "./driftReport.js";
import type { SignalSource } from "./interrupt.js";
import type { ProgressRenderer } from "./progressRenderer.js";
import { collectingRenderer, runOperation } from "./runOperation.js";

export interface DriftDeps {
  openEngine: OpenEngine;
  output: Output;
  signals: SignalSource;
  startRenderer?: (output: Output, title: string) => Promise<ProgressRenderer>;
}

/** The `--json` document of `drift`. */
export interface DriftResult extends DriftReport {
  stack: string;
  /** True when something was changed outside the tool. */
  pending: boolean;
}

/**
 * Reads every resource of the stack from the cloud with a refresh in preview mode (the state
 * is left as it is) and lists what was changed outside the tool, property by property.
 */
export async function runDrift(options: { stack: string }, deps: DriftDeps): Promise<DriftResult> {
  const engine = await deps.openEngine(options.stack, "select");
  const events: EngineEvent[] = [];
  await runOperation(
    {
      output: deps.output,
      signals: deps.signals,
      startRenderer: collectingRenderer(events, deps.startRenderer),
    },
    {
      stackName: options.stack,
      verb: "Checking",
      retry: `bavest-signals drift --stack ${options.stack}`,
      start: (o) => engine.previewRefresh(o),
    },
  );
  const report = collectDrift(events);
  return { stack: options.stack, pending: report.drifted.length > 0, ...report };
}

/** `--exit-code`: exit 1 when something drifted, for CI. */
export function driftError(result: DriftResult): CliError | undefined {
  if (!result.pending) return undefined;
  return new CliError(
    `${result.drifted.length} resource(s) of stack "${result.stack}" changed outside bavest-signals.`,
    {
      hint: `Put them back as configured: bavest-signals deploy --stack ${result.stack}; or adopt the cloud's values into the state: bavest-signals deploy --stack ${result.stack} --refresh`,
    },
  );
}
