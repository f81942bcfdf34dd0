import { readFile } from "node:fs/promises";
import { Argument, Command } from "commander";
import { isInteractive } from "../deploy/terminal.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import { UsageError } from "../lib/errors.js";
import { workDirOption } from "../lib/workDirOption.js";

export function invokeCommand(io: ContextIo): Command {
  return new Command("invoke")
    .description(
      "invoke a deployed function: ingestion (shows its summary) or processing with a fixture (shows batchItemFailures)",
    )
    .addArgument(new Argument("<function>", "which function").choices(["ingestion", "processing"]))
    .option("--fixture <file>", "processing: envelopes (JSON array or JSON Lines) to send as a Kinesis event")
    .addOption(workDirOption("the folder with Pulumi.yaml and Pulumi.<stack>.yaml"))
    .action(async function (this: Command, target: "ingestion" | "processing") {
      const context = contextFor(this, io);
      const flags = this.opts<{ fixture?: string; workDir?: string }>();
      if (context.options.local) {
        // `dev` runs both functions itself: there is nothing to invoke by hand locally.
        throw new UsageError("invoke calls a deployed function; it has no local mode.", {
          hint: "Locally, `bavest-signals dev` runs both functions: send them records with bavest-signals replay fixtures/sample.json --local, and read their logs with bavest-signals logs --local",
        });
      }
      const [{ runInvoke, renderInvoke, functionFailed }, { cloudOutputsResolver }] = await Promise.all([
        import("../invoke/runInvoke.js"),
        import("../cloud/resolvers.js"),
      ]);
      const getOutputs = cloudOutputsResolver({
        workDir: flags.workDir,
        interactive: isInteractive(io),
        localAlternative: false,
      });
      const result = await runInvoke(
        { stack: context.options.stack, target, fixture: flags.fixture },
        {
          getOutputs: (stack) => getOutputs(stack, context.env),
          lambdaClient: async (region) => {
            const { LambdaClient } = await import("@aws-sdk/client-lambda");
            return new LambdaClient({ region });
          },
          readText: (path) => readFile(path, "utf8"),
          env: context.env,
        },
      );
      context.output.result(result, () => renderInvoke(result));
      if (result.functionError) throw functionFailed(result);
    });
}
