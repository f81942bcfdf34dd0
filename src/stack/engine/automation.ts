import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { ConfigMap, Stack } from "@pulumi/pulumi/automation";
import { mapEngineError } from "./errors.js";
import {
  type Engine,
  type EngineConfigValue,
  type OperationSummary,
  PROJECT_NAME,
  type StackMode,
  type StackOutputs,
} from "./types.js";

export interface AutomationEngineOptions {
  workDir: string;
  /** Extra environment for the engine: backend URL, passphrase. */
  envVars: Record<string, string>;
}

/** Inline programs need one at stack creation; the real program is passed to each operation. */
const placeholderProgram = async () => ({});

function toSummary(summary: {
  result: OperationSummary["result"];
  resourceChanges?: OperationSummary["resourceChanges"];
}): OperationSummary {
  return { result: summary.result, resourceChanges: summary.resourceChanges ?? {} };
}

/**
 * Opens a stack through the Pulumi Automation API (LocalWorkspace, inline program, project
 * `bavest-signals`). The API is loaded here, lazily: it costs half a second.
 */
export async function openAutomationEngine(
  stackName: string,
  mode: StackMode,
  options: AutomationEngineOptions,
): Promise<Engine> {
  await mkdir(options.workDir, { recursive: true });
  const { LocalWorkspace } = await import("@pulumi/pulumi/automation/index.js");
  const args = { stackName, projectName: PROJECT_NAME, program: placeholderProgram };
  // An existing Pulumi.yaml is the user's (it may be committed, with comments): never rewritten.
  // A new one is written only for a stack that then opens; a failed command leaves none behind.
  const projectFile = join(options.workDir, "Pulumi.yaml");
  const newProjectFile = !existsSync(projectFile);
  const workspaceOptions = {
    workDir: options.workDir,
    envVars: options.envVars,
    ...(newProjectFile
      ? {
          projectSettings: {
            name: PROJECT_NAME,
            runtime: "nodejs" as const,
            description: "The Bavest P/E signals pipeline (Kinesis, Lambda, ElastiCache).",
          },
        }
      : {}),
  };
  let stack: Stack;
  try {
    stack =
      mode === "select"
        ? await LocalWorkspace.selectStack(args, workspaceOptions)
        : await LocalWorkspace.createOrSelectStack(args, workspaceOptions);
  } catch (error) {
    if (newProjectFile) await rm(projectFile, { force: true });
    throw mapEngineError(error, stackName, "Opening the stack");
  }
  return wrapStack(stack, options.workDir);
}

function wrapStack(stack: Stack, workDir: string): Engine {
  const guard = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw mapEngineError(error, stack.name, action);
    }
  };
  return {
    stackName: stack.name,
    workDir,
    getAllConfig: () =>
      guard("Reading the config", async () => {
        const config = await stack.getAllConfig();
        return Object.fromEntries(
          Object.entries(config).map(([key, item]) => [
            key,
            { value: item.value, secret: item.secret === true },
          ]),
        );
      }),
    setConfig: (key: string, value: EngineConfigValue) =>
      guard("Writing the config", () => stack.setConfig(key, value)),
    setAllConfig: (config: Record<string, EngineConfigValue>) =>
      guard("Writing the config", () => stack.setAllConfig(config as ConfigMap)),
    preview: (opts) =>
      guard("The preview", async () => {
        const result = await stack.preview({
          program: opts.program,
          onEvent: opts.onEvent,
          signal: opts.signal,
        });
        return { changeSummary: result.changeSummary };
      }),
    up: (opts) =>
      guard("The deployment", async () => {
        const result = await stack.up({ program: opts.program, onEvent: opts.onEvent, signal: opts.signal });
        return { outputs: result.outputs as StackOutputs, summary: toSummary(result.summary) };
      }),
    refresh: (opts) =>
      guard("The refresh", async () => ({ summary: toSummary((await stack.refresh(opts)).summary) })),
    previewRefresh: (opts) =>
      guard("The refresh preview", async () => {
        const result = await stack.previewRefresh({ onEvent: opts.onEvent, signal: opts.signal });
        return { changeSummary: result.changeSummary };
      }),
    destroy: (opts) =>
      guard("The destroy", async () => ({ summary: toSummary((await stack.destroy(opts)).summary) })),
    cancel: () => guard("Cancelling", () => stack.cancel()),
    outputs: () => guard("Reading the outputs", async () => (await stack.outputs()) as StackOutputs),
    removeStack: () => guard("Removing the stack", () => stack.workspace.removeStack(stack.name)),
    backendUrl: () => guard("Asking who is logged in", async () => (await stack.workspace.whoAmI()).url),
    exportState: () => guard("Exporting the stack's state", () => stack.exportStack()),
    importState: (state) => guard("Importing the stack's state", () => stack.importStack(state)),
    lockInfo: () =>
      guard("Reading the stack's state", async () => {
        const info = await stack.info();
        const running = info?.result === "in-progress";
        return { locked: running, detail: info ? `last update: ${info.kind}, ${info.result}` : undefined };
      }),
  };
}
