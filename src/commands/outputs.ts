import { Command } from "commander";
import { type ContextIo, contextFor } from "../lib/context.js";
import { workDirOption } from "../lib/workDirOption.js";
import type { LocalPipelineRecord } from "../local/state.js";
import { requireCloud } from "../targets/streamTarget.js";

/** The outputs of a stack or of the local pipeline, by their contract names (docs/contracts.md section 6). */
export type PipelineOutputs = Record<string, unknown>;

/** The local pipeline's outputs, exactly the contract's five keys. */
export interface LocalOutputs {
  kinesis_stream_name: string;
  kinesis_endpoint: string;
  redis_primary_endpoint: string;
  redis_url: string;
  bavest_api_url: string;
}

/** Reads a deployed stack's outputs. */
export type CloudOutputsResolver = (stack: string, env: NodeJS.ProcessEnv) => Promise<PipelineOutputs>;

export interface OutputsDeps {
  readLocal?: (env: NodeJS.ProcessEnv) => Promise<LocalPipelineRecord>;
  cloud?: CloudOutputsResolver;
}

export function localOutputsOf(record: LocalPipelineRecord): LocalOutputs {
  return {
    kinesis_stream_name: record.kinesis_stream_name,
    kinesis_endpoint: record.kinesis_endpoint,
    redis_primary_endpoint: record.redis_primary_endpoint,
    redis_url: record.redis_url,
    bavest_api_url: record.bavest_api_url,
  };
}

/** The outputs of the target; throws a CliError saying how to start it when nothing runs. */
export async function runOutputs(
  options: { local: boolean; stack: string; env: NodeJS.ProcessEnv },
  deps: OutputsDeps = {},
): Promise<PipelineOutputs> {
  if (!options.local) return requireCloud(deps.cloud, "runOutputs")(options.stack, options.env);
  const readLocal = deps.readLocal ?? (await import("../local/state.js")).readLocalPipelineRecord;
  return { ...localOutputsOf(await readLocal(options.env)) };
}

/** One `name  value` line per output, names aligned. */
export function renderOutputs(outputs: PipelineOutputs): string {
  const names = Object.keys(outputs);
  const width = Math.max(0, ...names.map((name) => name.length));
  return names
    .map((name) => {
      const value = outputs[name];
      return `${name.padEnd(width)}  ${typeof value === "string" ? value : JSON.stringify(value)}`;
    })
    .join("\n");
}

export function outputsCommand(io: ContextIo, deps: OutputsDeps = {}): Command {
  return new Command("outputs")
    .description("print where the pipeline's stream, Redis and API are (of --stack, or of --local)")
    .addOption(workDirOption())
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const { local, stack } = context.options;
      const { workDir } = this.opts<{ workDir?: string }>();
      const cloud = deps.cloud ?? (local ? undefined : await realCloudOutputs(workDir));
      const outputs = await runOutputs({ local, stack, env: context.env }, { ...deps, cloud });
      context.output.result(outputs, () => renderOutputs(outputs));
    });
}

/** The deployed-stack reader: the Automation API, loaded only when a stack is asked for. */
async function realCloudOutputs(workDir: string | undefined): Promise<CloudOutputsResolver> {
  const { cloudOutputsResolver } = await import("../cloud/resolvers.js");
  return cloudOutputsResolver({ interactive: process.stdin.isTTY === true, workDir });
}
