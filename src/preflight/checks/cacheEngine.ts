import { DescribeCacheEngineVersionsCommand } from "@aws-sdk/client-elasticache";
import { resourcesOfType } from "../programNeeds.js";
import type { PreflightCheck } from "../types.js";

/**
 * The cache's engine and version (as the program sets them on its replication group) are offered
 * in the region. https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeCacheEngineVersions.html
 */
export const cacheEngineCheck: PreflightCheck = {
  id: "cache-engine-version",
  actions: ["elasticache:DescribeCacheEngineVersions"],
  doc: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeCacheEngineVersions.html",
  async run(context) {
    const group = resourcesOfType(context.resources, "aws:elasticache/replicationGroup:ReplicationGroup")[0];
    if (!group) return { ok: true, detail: "the program creates no cache" };
    const engine = String(group.inputs.engine ?? "redis");
    const version = String(group.inputs.engineVersion ?? "");
    const answer = await context.aws.elasticache.send(
      new DescribeCacheEngineVersionsCommand({ Engine: engine, EngineVersion: version }),
    );
    const offered = (answer.CacheEngineVersions ?? []).find((item) => item.EngineVersion === version);
    if (offered) {
      return {
        ok: true,
        detail: `${engine} ${version} is offered in ${context.config.region} (family ${offered.CacheParameterGroupFamily ?? "?"})`,
      };
    }
    return {
      ok: false,
      detail: `${engine} ${version} is not offered in ${context.config.region}`,
      fix: `See what is: aws elasticache describe-cache-engine-versions --engine ${engine} --region ${context.config.region}; or deploy to another region: bavest-signals configure --stack ${context.stack} --region <region>`,
    };
  },
};
