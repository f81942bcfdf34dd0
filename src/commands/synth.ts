import { Command } from "commander";
import { type ContextIo, contextFor } from "../lib/context.js";
import { CliError, UsageError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import type { Finding } from "../stack/rules/index.js";
import type { SynthResult } from "../stack/synth/runSynth.js";

export interface SynthDeps {
  /** Where the stack's Pulumi.<stack>.yaml would be (it need not exist). */
  stackFile: (stack: string, env: NodeJS.ProcessEnv) => string;
  /** dist/lambdas, named in the functions' code archives. */
  bundleDir: () => string;
}

async function defaultDeps(): Promise<SynthDeps> {
  const [{ resolveWorkDir, stackSettingsFile }, { defaultBundleDir }] = await Promise.all([
    import("../stack/workspace.js"),
    import("../stack/bundles.js"),
  ]);
  return {
    stackFile: (stack, env) => stackSettingsFile(resolveWorkDir(env), stack),
    bundleDir: () => defaultBundleDir(),
  };
}

/**
 * Synthesizes the stack under Pulumi's mock runtime with the stack's config (or the defaults
 * when it has none): every resource and its inputs, secrets masked. No AWS, no Pulumi CLI.
 */
export async function runSynthCommand(
  options: { stack: string; env: NodeJS.ProcessEnv; output: Pick<Output, "info" | "debug"> },
  deps?: SynthDeps,
): Promise<{ result: SynthResult; findings: Finding[] }> {
  const { stackFile, bundleDir } = deps ?? (await defaultDeps());
  const [{ parseStackConfig, SECRET_KEYS }, { readStackFile }, { runSynth, PLACEHOLDER_SECRETS }, rules] =
    await Promise.all([
      import("../stack/config.js"),
      import("../stack/stackFile.js"),
      import("../stack/synth/runSynth.js"),
      import("../stack/rules/index.js"),
    ]);
  const file = stackFile(options.stack, options.env);
  const settings = readStackFile(file);
  if (settings) {
    options.output.info(
      `Using the config of stack "${options.stack}" from ${file}; secrets are placeholders.`,
    );
  } else {
    options.output.info(`No config for stack "${options.stack}" (${file}): using the defaults.`);
  }
  const config = parseStackConfig(settings?.values ?? {});
  const result = await runSynth({
    config,
    stack: options.stack,
    bundleDir: bundleDir(),
    secrets: {
      bavestApiKey: PLACEHOLDER_SECRETS.bavestApiKey,
      legacyRedisAuthToken: settings?.secretKeys.includes(SECRET_KEYS.redisAuthToken) === true,
    },
  });
  // AWS's rules on the settings, then on the program they produced.
  return { result, findings: [...rules.runRules(config), ...rules.programFindings(result)] };
}

export function synthCommand(io: ContextIo): Command {
  return new Command("synth")
    .description("show the AWS resources the stack would create, without AWS credentials or the Pulumi CLI")
    .option("--check", "exit 1 when any AWS rule finds an error (a CI gate)")
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      if (context.options.local) {
        throw new UsageError("synth shows a cloud stack; --local has no resources to show.", {
          hint: "Run: bavest-signals synth --stack dev",
        });
      }
      const { result, findings } = await runSynthCommand({
        stack: context.options.stack,
        env: context.env,
        output: context.output,
      });
      const [{ renderSynth }, { synthDocument }, { renderFinding, errorsOf }] = await Promise.all([
        import("../stack/synth/render.js"),
        import("../stack/synth/runSynth.js"),
        import("../stack/rules/index.js"),
      ]);
      context.output.result(synthDocument(result), () => renderSynth(result));
      // Findings go to stderr, so the --json document stays the one of docs/contracts.md section 6.
      for (const finding of findings) context.output.warn(renderFinding(finding));
      if (findings.length === 0) context.output.info("AWS rules: no findings.");
      const errors = errorsOf(findings);
      if (this.opts<{ check?: boolean }>().check && errors.length > 0) {
        throw new CliError(
          `synth --check: ${errors.length} AWS rule error(s): ${errors.map((e) => e.rule).join(", ")}.`,
          {
            hint: errors[0]?.fix,
          },
        );
      }
    });
}
