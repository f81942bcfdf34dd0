import { Command } from "commander";
import { type ContextIo, contextFor } from "../lib/context.js";
import { CliError, UsageError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import { workDirOption } from "../lib/workDirOption.js";
import type { CloudRedisResolver, RedisTargetDeps } from "../targets/redisTarget.js";
import { commandStopSignal } from "./stopSignal.js";

function parseConsolePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${value}").`, {
      hint: "For example: bavest-signals console --local --port 4280 (0: any free port)",
    });
  }
  return port;
}

/** `bavest-signals console`: the signals in a browser, live, served on 127.0.0.1 until Ctrl-C. */
export function consoleCommand(io: ContextIo, targetDeps: RedisTargetDeps = {}): Command {
  return new Command("console")
    .description("the signals in a browser: overview, P/E charts, live changes and health, until Ctrl-C")
    .option("--port <port>", "port on 127.0.0.1 to serve on (default: any free port)", parseConsolePort, 0)
    .option("--no-open", "only print the URL; do not open a browser")
    .addOption(workDirOption())
    .addHelpText(
      "after",
      "\nServes a read-only page on 127.0.0.1 with a secret token in its URL (only that URL opens it).\n" +
        "--local reads the pipeline `bavest-signals dev` runs; --stack S reads the stack's Redis through the tunnel.\n" +
        'With --json it prints { "url": ... } and keeps serving until Ctrl-C.',
    )
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const flags = this.opts<{ port: number; open: boolean; workDir?: string }>();
      const { local, stack } = context.options;
      const [
        { resolveRedisTarget },
        { startConsole },
        { browserOpener, openInBrowser },
        { openStatusSession },
      ] = await Promise.all([
        import("../targets/redisTarget.js"),
        import("../console/run.js"),
        import("../console/openBrowser.js"),
        import("../status/run.js"),
      ]);
      const assetsDir = await builtAssets();
      const cloud =
        targetDeps.cloud ?? (local ? undefined : await realCloudRedis(context.output, flags.workDir));
      const target = await resolveRedisTarget({ local, stack, env: context.env }, { ...targetDeps, cloud });
      const status = openStatusSession({ local, stack, env: context.env }, { output: context.output });
      // A failed status session (no stack, no tunnel) shows in the health panel, not as a crash.
      status.catch(() => {});
      const stop = commandStopSignal();
      try {
        const running = await startConsole(
          { port: flags.port, assetsDir, ...(target.thresholds ? { thresholds: target.thresholds } : {}) },
          { target, checkHealth: async () => (await status).check() },
        ).catch((cause: unknown) => {
          throw portError(cause, flags.port, local ? "--local" : `--stack ${stack}`);
        });
        context.output.result({ url: running.url }, () => `Console of ${target.description}: ${running.url}`);
        const opener = flags.open ? browserOpener(context.env, process.platform) : null;
        if (opener !== null) openInBrowser(opener, running.url);
        context.output.info("Serving on 127.0.0.1 only (Ctrl-C to stop).");
        await new Promise<void>((resolve) =>
          stop.signal.addEventListener("abort", () => resolve(), { once: true }),
        );
        await running.close();
      } finally {
        stop.dispose();
        await status.then((session) => session.close()).catch(() => {});
        await target.close?.();
      }
    });
}

/** dist/console, which `npm run build` writes (and `npm install` runs it). */
async function builtAssets(): Promise<string> {
  const [{ existsSync }, { join }, { repoPath }] = await Promise.all([
    import("node:fs"),
    import("node:path"),
    import("../local/repoRoot.js"),
  ]);
  const dir = repoPath("dist/console");
  if (!existsSync(join(dir, "console.js"))) {
    throw new CliError(`The console's page is not built (${join(dir, "console.js")} is missing).`, {
      hint: "Build it: npm run build",
    });
  }
  return dir;
}

function portError(cause: unknown, port: number, targetFlag: string): unknown {
  if ((cause as NodeJS.ErrnoException).code !== "EADDRINUSE") return cause;
  return new CliError(`Port ${port} on 127.0.0.1 is already in use.`, {
    hint: `Pick another or let the console choose: bavest-signals console ${targetFlag} --port 0`,
    cause,
  });
}

/** A deployed stack's Redis through a Session Manager tunnel, loaded only for --stack. */
async function realCloudRedis(output: Output, workDir: string | undefined): Promise<CloudRedisResolver> {
  const { cloudRedisTarget } = await import("../cloud/targets.js");
  return cloudRedisTarget(output, { interactive: process.stdin.isTTY === true, workDir });
}
