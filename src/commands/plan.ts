import { Command } from "commander";
import { type ContextIo, contextFor } from "../lib/context.js";
import { CliError, UsageError } from "../lib/errors.js";
import { workDirOption } from "../lib/workDirOption.js";
import { planFlagHelp } from "../plan/flagHelp.js";
import { CONFIGURE_SETTINGS, flagOf } from "./configure.js";

export function planCommand(io: ContextIo): Command {
  const command = new Command("plan")
    .description(
      "what a stack would create, its monthly cost at the region's prices, and whether it fits (offline)",
    )
    .addOption(workDirOption("the folder with Pulumi.<stack>.yaml"))
    .option("--api-latency-ms <ms>", "assumed Bavest round trip per quote", "250")
    .addHelpText(
      "after",
      "\nReads the stack's config offline (no Pulumi CLI, no AWS); every `configure` flag overrides it.\n" +
        "Exits 1 when the Redis memory, the Kinesis shards or an ingestion run does not fit.\n",
    );
  for (const name of CONFIGURE_SETTINGS) command.option(`${flagOf(name)} <value>`, planFlagHelp(name));
  return command.action(async function (this: Command) {
    const context = contextFor(this, io);
    if (context.options.local) {
      throw new UsageError("plan is for a cloud stack; the local pipeline has no cost.", {
        hint: "Run: bavest-signals plan --stack dev",
      });
    }
    const flags = this.opts<Record<string, string | undefined>>();
    const latencyMs = Number(flags.apiLatencyMs);
    if (!Number.isFinite(latencyMs) || latencyMs <= 0) {
      throw new UsageError(
        `--api-latency-ms must be a positive number of milliseconds (got "${flags.apiLatencyMs}").`,
        {
          hint: "Run: bavest-signals plan --api-latency-ms 250",
        },
      );
    }
    const [
      { runPlan, planDocument },
      { renderPlan },
      { resolveWorkDir, stackSettingsFile },
      { whatIfValues },
    ] = await Promise.all([
      import("../plan/runPlan.js"),
      import("../plan/render.js"),
      import("../stack/workspace.js"),
      import("../plan/whatIf.js"),
    ]);
    const values = whatIfValues(Object.fromEntries(CONFIGURE_SETTINGS.map((name) => [name, flags[name]])));
    const plan = runPlan({
      stack: context.options.stack,
      stackFile: stackSettingsFile(resolveWorkDir(context.env, flags.workDir), context.options.stack),
      values,
      latencyMs,
    });
    context.output.result(planDocument(plan), () => renderPlan(plan));
    if (!plan.fits) {
      const fixes = [plan.capacity.redis, plan.capacity.shards, plan.capacity.ingestion]
        .map((verdict) => verdict.fix)
        .filter((fix) => fix !== undefined);
      throw new CliError(`Stack "${plan.stack}" does not fit: ${fixes.join("; ")}`);
    }
  });
}
