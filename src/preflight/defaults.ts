import type { Engine } from "../stack/engine/types.js";
import type { PreflightDeps } from "./run.js";

/**
 * The real dependencies: AWS SDK clients in the stack's region, the program under the mock
 * runtime, one Bavest quote request, unlock's lock reading, the cache in the CLI's state folder.
 * Everything heavy loads here, only when preflight runs.
 */
export async function defaultPreflightDeps(engine: Engine, env: NodeJS.ProcessEnv): Promise<PreflightDeps> {
  const [{ createAwsClients }, { bavestQuoteProbe }, { fileCache }, { defaultLockStore }] = await Promise.all(
    [
      import("./awsClients.js"),
      import("./bavestProbe.js"),
      import("./cache.js"),
      import("../stack/engine/unlock/run.js"),
    ],
  );
  return {
    engine,
    env,
    awsClients: createAwsClients,
    probeBavest: bavestQuoteProbe(),
    lockStore: defaultLockStore,
    cache: fileCache(env),
    synthesize: async (config, stack) => {
      const [{ runSynth, PLACEHOLDER_SECRETS }, { defaultBundleDir }] = await Promise.all([
        import("../stack/synth/runSynth.js"),
        import("../stack/bundles.js"),
      ]);
      // The mock runtime is reset by the engine's own program run afterwards (runtime.resetOptions).
      const result = await runSynth({
        config,
        stack,
        bundleDir: defaultBundleDir(),
        secrets: PLACEHOLDER_SECRETS,
      });
      return { resources: result.resources, calls: result.calls };
    },
  };
}
