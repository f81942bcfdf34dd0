import { DescribeEngineDefaultParametersCommand, type Parameter } from "@aws-sdk/client-elasticache";
import { isFault } from "../awsErrors.js";
import { resourcesOfType } from "../programNeeds.js";
import type { PreflightCheck } from "../types.js";

/**
 * The parameter group family exists and every parameter the program's group sets may be changed
 * (`IsModifiable`). https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeEngineDefaultParameters.html
 */
export const cacheParametersCheck: PreflightCheck = {
  id: "cache-parameters",
  actions: ["elasticache:DescribeEngineDefaultParameters"],
  doc: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeEngineDefaultParameters.html",
  async run(context) {
    const group = resourcesOfType(context.resources, "aws:elasticache/parameterGroup:ParameterGroup")[0];
    if (!group) return { ok: true, detail: "the program sets no cache parameters" };
    const family = String(group.inputs.family);
    const wanted = ((group.inputs.parameters as { name: string }[] | undefined) ?? []).map((p) => p.name);
    let defaults: Parameter[];
    try {
      defaults = await allDefaults(context.aws.elasticache, family);
    } catch (error) {
      if (!isFault(error, "InvalidParameterValueException", "InvalidParameterValue")) throw error;
      defaults = [];
    }
    if (defaults.length === 0) {
      return {
        ok: false,
        detail: `the parameter group family ${family} has no parameters in ${context.config.region}`,
        fix: "The engine version and its family do not match what this region offers: see the cache-engine-version check.",
      };
    }
    const byName = new Map(defaults.map((parameter) => [parameter.ParameterName, parameter]));
    const refused = wanted.filter((name) => byName.get(name)?.IsModifiable !== true);
    if (refused.length === 0) {
      return { ok: true, detail: `family ${family}: ${wanted.join(", ") || "no parameters"} may be set` };
    }
    return {
      ok: false,
      detail: `family ${family}: ${refused.map((name) => (byName.has(name) ? `${name} is not modifiable` : `${name} does not exist`)).join("; ")}`,
      fix: "The program sets a parameter this engine version does not allow; report it with `bavest-signals synth` output.",
    };
  },
};

async function allDefaults(
  client: {
    send: (
      command: DescribeEngineDefaultParametersCommand,
    ) => Promise<{ EngineDefaults?: { Parameters?: Parameter[]; Marker?: string } }>;
  },
  family: string,
): Promise<Parameter[]> {
  const parameters: Parameter[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(
      new DescribeEngineDefaultParametersCommand({ CacheParameterGroupFamily: family, Marker: marker }),
    );
    parameters.push(...(page.EngineDefaults?.Parameters ?? []));
    marker = page.EngineDefaults?.Marker;
  } while (marker);
  return parameters;
}
