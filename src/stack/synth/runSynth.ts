import type { StackConfig } from "../config.js";
import type { StackSecrets } from "../program.js";
import { maskSecrets, SECRET_MARK } from "./mask.js";
import { createRecordingMocks, type RecordedCall } from "./mocks.js";

/** Stand-ins for the stack's secrets: synth never decrypts real ones. */
export const PLACEHOLDER_SECRETS = {
  bavestApiKey: "synth-placeholder-bavest-api-key",
  redisAuthToken: "synth-placeholder-redis-auth-token",
} as const;

/** A resource as `synth` shows it: secrets masked, the parent's logical name when it has one. */
export interface SynthResource {
  type: string;
  name: string;
  parent: string | undefined;
  inputs: Record<string, unknown>;
  /** Resource options that decide deploy order and diffs: logical names it waits for, ignored inputs. */
  options: { dependsOn: string[]; ignoreChanges: string[] };
}

export interface SynthResult {
  stack: string;
  resources: SynthResource[];
  outputs: Record<string, unknown>;
  /** The provider functions (data sources) the program called, with their arguments. */
  calls: RecordedCall[];
}

export interface SynthOptions {
  config: StackConfig;
  stack: string;
  /** `legacyRedisAuthToken`: the stack's old AUTH token, or `true` for a placeholder one. */
  secrets?: { bavestApiKey: string; legacyRedisAuthToken?: boolean | string };
  /** dist/lambdas; only named in the function code's archive path, never read. */
  bundleDir: string;
}

/**
 * Runs the inline program under Pulumi's mock runtime and returns every declared resource with
 * its inputs, and the stack outputs, each secret value shown as "[secret]". Needs no AWS
 * credentials and no Pulumi CLI. The mock runtime is process-wide: call this once per process.
 */
export async function runSynth(options: SynthOptions): Promise<SynthResult> {
  const pulumi = await import("@pulumi/pulumi");
  const given = options.secrets ?? { bavestApiKey: PLACEHOLDER_SECRETS.bavestApiKey };
  const token =
    given.legacyRedisAuthToken === true
      ? PLACEHOLDER_SECRETS.redisAuthToken
      : given.legacyRedisAuthToken || undefined;
  const secrets = { bavestApiKey: given.bavestApiKey, ...(token ? { legacyRedisAuthToken: token } : {}) };
  const { mocks, resources, calls } = createRecordingMocks(options.config.region);
  await pulumi.runtime.setMocks(mocks, "bavest-signals", options.stack, false);
  const parents = new Map<string, string | undefined>();
  const resourceOptions = new Map<string, SynthResource["options"]>();
  const { createProgram } = await import("../program.js");
  const program = createProgram(options.config, secrets satisfies StackSecrets, {
    bundleDir: options.bundleDir,
  });
  let declared: Record<string, unknown> = {};
  await pulumi.runtime.runInPulumiStack(async () => {
    recordParents(pulumi, parents, resourceOptions);
    declared = await program();
    return declared;
  });
  const outputs = await resolveOutputs(pulumi, declared);
  await pulumi.runtime.disconnect();
  const known = new Set<string>([secrets.bavestApiKey, ...(token ? [token] : [])]);
  return {
    stack: options.stack,
    resources: resources
      .filter((resource) => resource.type !== STACK_TYPE)
      .map((resource) => ({
        type: resource.type,
        name: resource.name,
        parent: parents.get(`${resource.type}::${resource.name}`),
        inputs: maskSecrets(resource.inputs, known) as Record<string, unknown>,
        options: resourceOptions.get(`${resource.type}::${resource.name}`) ?? {
          dependsOn: [],
          ignoreChanges: [],
        },
      })),
    outputs: maskSecrets(outputs, known) as Record<string, unknown>,
    calls,
  };
}

type PulumiModule = typeof import("@pulumi/pulumi");

const STACK_TYPE = "pulumi:pulumi:Stack";

/** Remembers each resource's parent by logical name; the stack itself counts as no parent. */
function recordParents(
  pulumi: PulumiModule,
  parents: Map<string, string | undefined>,
  options: Map<string, SynthResource["options"]>,
): void {
  const names = new WeakMap<object, string>();
  pulumi.runtime.registerStackTransformation((args) => {
    names.set(args.resource, args.name);
    const waitsFor = args.opts.dependsOn;
    const dependsOn = (Array.isArray(waitsFor) ? waitsFor : waitsFor ? [waitsFor] : [])
      .map((resource) => names.get(resource as object))
      .filter((name): name is string => name !== undefined);
    options.set(`${args.type}::${args.name}`, { dependsOn, ignoreChanges: args.opts.ignoreChanges ?? [] });
    const parent = args.opts.parent;
    const parentName = parent && !(parent instanceof pulumi.runtime.Stack) ? names.get(parent) : undefined;
    parents.set(`${args.type}::${args.name}`, parentName);
    return undefined;
  });
}

/** Waits for every output; a secret output is shown as "[secret]" whatever its value. */
async function resolveOutputs(
  pulumi: PulumiModule,
  outputs: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(outputs).map(async ([key, value]): Promise<[string, unknown]> => {
      if (!pulumi.Output.isInstance(value)) return [key, value];
      if (await pulumi.isSecret(value)) return [key, SECRET_MARK];
      return [key, await new Promise((resolve) => value.apply(resolve))];
    }),
  );
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

/** The `synth --json` document of docs/contracts.md section 6. */
export function synthDocument(result: SynthResult): {
  resources: { type: string; name: string; inputs: Record<string, unknown> }[];
  outputs: Record<string, unknown>;
} {
  return {
    resources: result.resources.map(({ type, name, inputs }) => ({ type, name, inputs })),
    outputs: result.outputs,
  };
}
