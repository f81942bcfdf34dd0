import { STACK_OUTPUTS } from "../core/stackOutputs.js";
import { CliError } from "../lib/errors.js";
import { CONFIG_FIELDS } from "../stack/configFields.js";
import type { TunnelTarget } from "./types.js";

/** The stack config key that turns the bastion (and so the tunnel) on or off. */
export const BASTION_CONFIG_KEY = CONFIG_FIELDS.bastion.key;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function port(value: unknown): number | undefined {
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isInteger(number) && number > 0 && number < 65536
    ? number
    : undefined;
}

/**
 * The tunnel's target from a deployed stack's outputs (`bastion_instance_id`,
 * `redis_primary_endpoint`, `redis_port`, `region`); each gap becomes an error naming the
 * config key or the command that fills it.
 */
export function tunnelTargetFromOutputs(stack: string, outputs: Record<string, unknown>): TunnelTarget {
  const redisHost = text(outputs[STACK_OUTPUTS.redisPrimaryEndpoint]);
  const redisPort = port(outputs[STACK_OUTPUTS.redisPort]);
  const region = text(outputs[STACK_OUTPUTS.region]);
  if (!redisHost || !redisPort || !region) {
    throw new CliError(`Stack "${stack}" has no Redis endpoint, port or region in its outputs.`, {
      hint: `Deploy it first. Run: bavest-signals deploy --stack ${stack}`,
    });
  }
  const bastionInstanceId = text(outputs[STACK_OUTPUTS.bastionInstanceId]);
  if (!bastionInstanceId) {
    throw new CliError(
      `Stack "${stack}" has no bastion, so nothing can reach its Redis from outside the VPC.`,
      {
        hint:
          `Turn the bastion on with the config key ${BASTION_CONFIG_KEY} = true, then redeploy. ` +
          `Run: pulumi config set ${BASTION_CONFIG_KEY} true --stack ${stack} && bavest-signals deploy --stack ${stack}`,
      },
    );
  }
  return { bastionInstanceId, redisHost, redisPort, region };
}
