import { CliError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import { createStyle } from "../lib/style.js";
import { allFit, assessCapacity } from "../plan/capacity.js";
import { type CostEstimate, estimateMonthlyCost, renderCostEstimate } from "../plan/costEstimate.js";
import { renderVerdicts } from "../plan/render.js";
import type { PreflightRun } from "../preflight/run.js";
import { redisAuthMigrationLines } from "../stack/authMigration.js";
import { maskedConfig, type StackInputs, stackInputsFrom } from "../stack/engine/stackInputs.js";
import type { Engine, EngineEvent, OpenEngine, StackOutputs, StackProgram } from "../stack/engine/types.js";
import { validateStackName } from "../stack/workspace.js";
import { type ChangePlan, collectChangePlan, hasChanges, renderChangePlan } from "./changeSummary.js";
import type { SignalSource } from "./interrupt.js";
import { preflightStep } from "./preflightStep.js";
import type { ProgressRenderer } from "./progressRenderer.js";
import { collectingRenderer, runOperation } from "./runOperation.js";

export interface DeployOptions {
  stack: string;
  yes: boolean;
  refresh: boolean;
  /** Deploy without asking AWS first (`--skip-preflight`). */
  skipPreflight?: boolean;
}

export interface DeployDeps {
  openEngine: OpenEngine;
  output: Output;
  /** A terminal to ask on: without one and without --yes, deploy refuses. */
  interactive: boolean;
  confirm: (message: string) => Promise<boolean>;
  buildBundles: () => Promise<string>;
  loadProgram: (inputs: StackInputs, bundleDir: string) => Promise<StackProgram>;
  signals: SignalSource;
  startRenderer?: (output: Output, title: string) => Promise<ProgressRenderer>;
  /** The read-only checks against the account (src/preflight); left out, none run. */
  preflight?: (engine: Engine) => Promise<PreflightRun>;
}

export interface DeployResult {
  stack: string;
  status: "deployed" | "unchanged" | "declined";
  plan: ChangePlan;
  costEstimate: CostEstimate;
  outputs: Record<string, unknown>;
  next: string[];
}

/**
 * Refuses when nobody can confirm. Called once what can fail has been checked (the Pulumi CLI,
 * the stack, its config, preflight): a missing prerequisite is said before "pass --yes".
 */
export function assertCanConfirm(options: {
  yes: boolean;
  interactive: boolean;
  stack: string;
  verb: string;
}): void {
  validateStackName(options.stack);
  if (options.yes || options.interactive) return;
  throw new CliError(
    `Refusing to ${options.verb} stack "${options.stack}" without confirmation: there is no terminal to ask on.`,
    {
      hint: `${CONFIRM_ADVICE[options.verb] ?? "Then"}, pass --yes: bavest-signals ${options.verb} --stack ${options.stack} --yes`,
    },
  );
}

/** What to make sure of before answering yes for good, per command. */
const CONFIRM_ADVICE: Record<string, string> = {
  deploy: "Review the changes first (bavest-signals synth shows the resources); to deploy without a question",
  destroy: "Every resource of the stack will be deleted; to go ahead without a question",
  unlock: "Make sure no other deploy of this stack is running; then, to release the lock",
};

/** Outputs as plain values, secrets masked. */
export function plainOutputs(outputs: StackOutputs): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(outputs).map(([key, item]) => [key, item.secret ? "[secret]" : item.value]),
  );
}

/** Build, preview, confirm, up: the whole deploy as data, rendered by renderDeploy. */
export async function runDeploy(options: DeployOptions, deps: DeployDeps): Promise<DeployResult> {
  // What can fail is checked first, the question comes last: name, CLI, stack, config, preflight.
  validateStackName(options.stack);
  const engine = await deps.openEngine(options.stack, "select");
  const stored = await engine.getAllConfig();
  const inputs = stackInputsFrom(options.stack, stored);
  // AWS's own rules before any build or preview: a breach refuses the deploy (exit 2).
  const { refuseErrors, renderFinding, runRules } = await import("../stack/rules/index.js");
  for (const warning of refuseErrors(runRules(inputs.config))) deps.output.warn(renderFinding(warning));
  deps.output.debug(`Config: ${JSON.stringify(maskedConfig(stored))}`);
  await preflightStep({ ...options, ...deps, engine });
  assertCanConfirm({ ...options, interactive: deps.interactive, verb: "deploy" });
  deps.output.info("Building the Lambda bundles...");
  const program = await deps.loadProgram(inputs, await deps.buildBundles());
  const operation = { output: deps.output, signals: deps.signals, startRenderer: deps.startRenderer };
  const retry = `bavest-signals deploy --stack ${options.stack}`;
  if (options.refresh) {
    await runOperation(operation, {
      stackName: options.stack,
      verb: "Refreshing",
      retry,
      start: (o) => engine.refresh(o),
    });
  }
  const previewEvents: EngineEvent[] = [];
  const preview = await runOperation(
    { ...operation, startRenderer: collectingRenderer(previewEvents, deps.startRenderer, "Previewing") },
    { stackName: options.stack, verb: "Previewing", retry, start: (o) => engine.preview({ ...o, program }) },
  );
  const plan = collectChangePlan(previewEvents, preview.changeSummary);
  const capacity = assessCapacity(inputs.config);
  const costEstimate = estimateMonthlyCost(inputs.config, {
    ingestionSecondsPerRun: capacity.ingestion.secondsPerRun,
    invocationsPerRun: capacity.ingestion.invocationsPerRun,
  });
  deps.output.info(renderChangePlan(plan, options.stack, createStyle(deps.output.fancy)));
  deps.output.info(renderCostEstimate(costEstimate));
  deps.output.info(["Capacity:", ...renderVerdicts(capacity)].join("\n"));
  const fits = allFit(capacity);
  if (!fits) deps.output.warn(`Stack "${options.stack}" does not fit (see Capacity above).`);
  const result = { stack: options.stack, plan, costEstimate, next: nextSteps(options.stack) };
  if (!hasChanges(plan))
    return { ...result, status: "unchanged", outputs: plainOutputs(await engine.outputs()) };
  const question = fits
    ? `Deploy these changes to stack "${options.stack}"?`
    : `Stack "${options.stack}" does not fit (see Capacity above). Deploy it anyway?`;
  if (!options.yes && !(await deps.confirm(question))) {
    return { ...result, status: "declined", outputs: {}, next: [] };
  }
  const up = await runOperation(operation, {
    stackName: options.stack,
    verb: "Deploying",
    retry,
    start: (o) => engine.up({ ...o, program }),
  });
  return { ...result, status: "deployed", outputs: plainOutputs(up.outputs) };
}

function nextSteps(stack: string): string[] {
  return [`bavest-signals invoke ingestion --stack ${stack}`, `bavest-signals inspect --stack ${stack}`];
}

/** The text shown at the end of a deploy. */
export function renderDeploy(result: DeployResult): string {
  if (result.status === "declined") return "Nothing deployed.";
  const head =
    result.status === "unchanged"
      ? `Stack "${result.stack}" is up to date.`
      : `Stack "${result.stack}" deployed.`;
  const width = Math.max(0, ...Object.keys(result.outputs).map((key) => key.length));
  const outputs = Object.entries(result.outputs).map(
    ([key, value]) => `  ${key.padEnd(width)}  ${typeof value === "string" ? value : JSON.stringify(value)}`,
  );
  return [
    head,
    "",
    "Outputs:",
    ...outputs,
    ...redisAuthMigrationLines(result.outputs, result.stack),
    "",
    "Next:",
    ...result.next.map((command) => `  ${command}`),
  ].join("\n");
}
