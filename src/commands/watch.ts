import { Command } from "commander";
import { type ContextIo, contextFor } from "../lib/context.js";
import { CliError, errorMessage, UsageError } from "../lib/errors.js";
import { hintCommand } from "../lib/givenFlags.js";
import { markLineDocuments, untilReaderGone } from "../lib/output.js";
import type { RedisTargetDeps } from "../targets/redisTarget.js";
import { commandStopSignal } from "./stopSignal.js";

/** `bavest-signals watch`: the feed of signal changes, live, one line per change, until Ctrl-C. */
export function watchCommand(io: ContextIo, targetDeps: RedisTargetDeps = {}): Command {
  return new Command("watch")
    .description("follow signal and category changes live, one line per change, until Ctrl-C")
    .argument("[symbol]", "only this symbol's changes, e.g. AAPL")
    .addHelpText(
      "after",
      "\nWith --json each change is one JSON document a line (the fields of inspect --changes).\n" +
        "--local follows the pipeline `bavest-signals dev` runs; --stack S reads the stack's Redis through the tunnel.",
    )
    .action(async function (this: Command, symbolInput: string | undefined) {
      const context = contextFor(this, io);
      const { local, stack } = context.options;
      const [{ resolveRedisTarget }, { connectRedis }, { followChanges }, { changeLine }, keys, symbols] =
        await Promise.all([
          import("../targets/redisTarget.js"),
          import("../targets/connect.js"),
          import("../inspect/follow.js"),
          import("../inspect/changes.js"),
          import("../core/redisKeys.js"),
          import("../core/symbol.js"),
        ]);
      const symbol = symbolInput === undefined ? undefined : symbols.normalizeSymbol(symbolInput);
      if (symbol === null) {
        throw new UsageError(`"${symbolInput}" is not a symbol (1-24 characters of A-Z 0-9 . - ^ = _).`, {
          hint: "For example: bavest-signals watch --local AAPL",
        });
      }
      const cloud = targetDeps.cloud ?? (local ? undefined : await realCloudRedis(context));
      const target = await resolveRedisTarget({ local, stack, env: context.env }, { ...targetDeps, cloud });
      // One document a line, up to and including an error document should the follow fail.
      if (context.output.json) markLineDocuments(context.output.stdout);
      const stop = commandStopSignal();
      // `watch | head -1`: once stdout's reader is gone there is no one to follow for.
      const until = untilReaderGone(context.output.stdout, stop.signal);
      try {
        const redis = await connectRedis(target);
        until.addEventListener("abort", () => redis.disconnect(), { once: true });
        context.output.info(
          `Watching signal changes${symbol ? ` of ${symbol}` : ""} in ${target.description} (Ctrl-C to stop).`,
        );
        await followChanges(redis, keys.redisKeys(target.prefix), {
          signal: until,
          ...(symbol ? { symbol } : {}),
          onChange: (change) =>
            context.output.stdout.write(
              `${context.output.json ? JSON.stringify(change) : changeLine(change, context.output.stdoutFancy)}\n`,
            ),
        }).catch((cause: unknown) => {
          const reason = errorMessage(cause).replace(/\.+$/, "");
          throw new CliError(`Lost the connection to the Redis of ${target.description}: ${reason}.`, {
            hint: `Run the command again once it is reachable: ${hintCommand(this, ["watch", ...(symbol ? [symbol] : [])])}`,
            cause,
          });
        });
      } finally {
        stop.dispose();
        await target.close?.();
      }
    });
}

async function realCloudRedis(context: ReturnType<typeof contextFor>) {
  const { cloudRedisTarget } = await import("../cloud/targets.js");
  return cloudRedisTarget(context.output, { interactive: process.stdin.isTTY === true });
}
