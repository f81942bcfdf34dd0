import { Command } from "commander";
import { type ContextIo, contextFor } from "../lib/context.js";
import { UsageError } from "../lib/errors.js";
import { givenFlags } from "../lib/givenFlags.js";
import type { Output } from "../lib/output.js";
import { workDirOption } from "../lib/workDirOption.js";
import type { CloudRedisResolver, RedisTargetDeps } from "../targets/redisTarget.js";

/** `--limit`: a whole number of history entries (or rejected records), at least 1. */
export function parseLimit(value: string | undefined): number {
  if (value === undefined) return 20;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new UsageError(`--limit ${value} is not a whole number of at least 1.`, {
      hint: "For example: bavest-signals inspect --local AAPL --limit 50",
    });
  }
  return Number(value);
}

export function inspectCommand(io: ContextIo, targetDeps: RedisTargetDeps = {}): Command {
  return new Command("inspect")
    .description(
      "show the stored signals: one symbol's latest, history and P/E chart, or every tracked symbol",
    )
    .argument("[symbol]", "the symbol to show, e.g. AAPL")
    .option("--limit <n>", "history entries (or rejected records) to show", "20")
    .option("--rejected", "show the quarantined records instead, newest first")
    .option(
      "--changes",
      "show the feed of signal and category changes instead (of SYMBOL, when given), newest first",
    )
    .addOption(workDirOption())
    .action(async function (this: Command, symbol: string | undefined) {
      const context = contextFor(this, io);
      const flags = this.opts<{ limit?: string; rejected?: boolean; changes?: boolean; workDir?: string }>();
      const limit = parseLimit(flags.limit);
      const { local, stack } = context.options;
      const [{ resolveRedisTarget }, { connectRedis }, inspect, { redisKeys }] = await Promise.all([
        import("../targets/redisTarget.js"),
        import("../targets/connect.js"),
        import("../inspect/run.js"),
        import("../core/redisKeys.js"),
      ]);
      const cloud =
        targetDeps.cloud ?? (local ? undefined : await realCloudRedis(context.output, flags.workDir));
      const target = await resolveRedisTarget({ local, stack, env: context.env }, { ...targetDeps, cloud });
      try {
        const redis = await connectRedis(target);
        try {
          const options = {
            limit,
            rejected: flags.rejected === true,
            changes: flags.changes === true,
            targetFlag: givenFlags(this).join(" ") || (local ? "--local" : `--stack ${stack}`),
          };
          const result = await inspect.runInspect(
            { ...options, ...(symbol !== undefined ? { symbol } : {}) },
            redis,
            redisKeys(target.prefix),
          );
          context.output.result(inspect.inspectJson(result), () =>
            inspect.renderInspect(result, context.output.stdoutFancy),
          );
        } finally {
          redis.disconnect();
        }
      } finally {
        await target.close?.();
      }
    });
}

/** A deployed stack's Redis through a Session Manager tunnel, loaded only for --stack. */
async function realCloudRedis(output: Output, workDir: string | undefined): Promise<CloudRedisResolver> {
  const { cloudRedisTarget } = await import("../cloud/targets.js");
  return cloudRedisTarget(output, { interactive: process.stdin.isTTY === true, workDir });
}
