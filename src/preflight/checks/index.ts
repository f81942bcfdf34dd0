import type { PreflightCheck } from "../types.js";
import { bastionImageCheck } from "./bastionImage.js";
import { bastionInstanceTypeCheck } from "./bastionInstanceType.js";
import { bavestKeyCheck } from "./bavestKey.js";
import { cacheEngineCheck } from "./cacheEngine.js";
import { cacheNodesCheck } from "./cacheNodes.js";
import { cacheNodeTypeCheck } from "./cacheNodeType.js";
import { cacheParametersCheck } from "./cacheParameters.js";
import { elasticIpsCheck } from "./elasticIps.js";
import { identityCheck } from "./identity.js";
import { kinesisShardsCheck } from "./kinesisShards.js";
import { lambdaConcurrencyCheck } from "./lambdaConcurrency.js";
import { namesFreeCheck } from "./namesFree.js";
import { permissionsCheck } from "./permissions.js";
import { regionEnabledCheck } from "./regionEnabled.js";
import { vpcsCheck } from "./vpcs.js";

/** Every check that asks AWS or Bavest, in the order they are shown (after the Pulumi side). */
export const CLOUD_CHECKS: readonly PreflightCheck[] = [
  identityCheck,
  regionEnabledCheck,
  kinesisShardsCheck,
  lambdaConcurrencyCheck,
  vpcsCheck,
  elasticIpsCheck,
  cacheNodesCheck,
  cacheEngineCheck,
  cacheNodeTypeCheck,
  cacheParametersCheck,
  bastionInstanceTypeCheck,
  bastionImageCheck,
  permissionsCheck,
  namesFreeCheck,
  bavestKeyCheck,
];

/** Every IAM action preflight may call: the README's policy lists exactly these. */
export function preflightActions(): string[] {
  return [...new Set(CLOUD_CHECKS.flatMap((check) => check.actions))].sort();
}
