import { CliError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import { createStyle } from "../lib/style.js";
import { type CostEstimate, estimateMonthlyCost, renderCostEstimate } from "../plan/costEstimate.js";
import { maskedConfig, type StackInputs, stackInputsFrom } from "../stack/engine/stackInputs.js";
import type { EngineEvent, OpenEngine, StackProgram } from "../stack/engine/types.js";
import { type ChangePlan, collectChangePlan, hasChanges, renderChangePlan } from "./changeSummary.js";
import { type CostDelta, costDelta, deployedConfig, renderCostDelta } from "./costDelta.js";
import type { SignalSource } from "./interrupt.js";
import type { ProgressRenderer } from "./progressRenderer.js";
import { collectingRenderer, runOperation } from "./runOperation.js";

export interface DiffDeps {
  openEngine: OpenEngine;
  output: Output;
  buildBundles: () => Promise<string>;
  loadProgram: (inputs: StackInputs, bundleDir: string) => Promise<StackProgram>;
  signals: SignalSource;
  startRenderer?: (output: Output, title: string) => Promise<ProgressRenderer>;
}

/** The `--json` document of `diff`. */
export interface DiffResult {
  stack: string;
  /** True when deploying would change anything. */
  pending: boolean;
  plan: ChangePlan;
  /** The estimate of the configuration as it would be deployed (as `deploy` shows it). */
  costEstimate: CostEstimate;
  costDelta: CostDelta;
}

/**
 * What `deploy` would do, without doing it: builds the bundles, previews with the stack's
 * config, and returns deploy's change summary with the estimated monthly cost before and after.
 */
export async function runDiff(options: { stack: string }, deps: DiffDeps): Promise<DiffResult> {
  const engine = await deps.openEngine(options.stack, "select");
  const stored = await engine.getAllConfig();
  const inputs = stackInputsFrom(options.stack, stored);
  deps.output.debug(`Config: ${JSON.stringify(maskedConfig(stored))}`);
  deps.output.info("Building the Lambda bundles...");
  const program = await deps.loadProgram(inputs, await deps.buildBundles());
  const events: EngineEvent[] = [];
  const preview = await runOperation(
    {
      output: deps.output,
      signals: deps.signals,
      startRenderer: collectingRenderer(events, deps.startRenderer),
    },
    {
      stackName: options.stack,
      verb: "Previewing",
      retry: `bavest-signals diff --stack ${options.stack}`,
      start: (o) => engine.preview({ ...o, program }),
    },
  );
  const plan = collectChangePlan(events, preview.changeSummary);
  // The same estimate deploy shows, for the configuration as deployed and as configured.
  const costEstimate = estimateMonthlyCost(inputs.config);
  const deployed = deployedConfig(inputs.config, events);
  const before = deployed ? estimateMonthlyCost(deployed) : null;
  return {
    stack: options.stack,
    pending: hasChanges(plan),
    plan,
    costEstimate,
    costDelta: costDelta(before, costEstimate),
  };
}

/** The change summary, the estimate as deploy shows it, and the cost delta. */
export function renderDiff(result: DiffResult, fancy: boolean): string {
  return [
    renderChangePlan(result.plan, result.stack, createStyle(fancy)),
    "",
    renderCostEstimate(result.costEstimate),
    "",
    renderCostDelta(result.costDelta),
  ].join("\n");
}

/** `--exit-code`: exit 1 when deploying would change something, for CI. */
export function pendingChangesError(result: DiffResult): CliError | undefined {
  if (!result.pending) return undefined;
  return new CliError(`Stack "${result.stack}" has ${result.plan.changes.length} pending change(s).`, {
    hint: `Apply them: bavest-signals deploy --stack ${result.stack}`,
  });
}
