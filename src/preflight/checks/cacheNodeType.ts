import { DescribeReservedCacheNodesOfferingsCommand } from "@aws-sdk/client-elasticache";
import { resourcesOfType } from "../programNeeds.js";
import type { PreflightCheck } from "../types.js";

/**
 * The node type is sold in the region. ElastiCache has no "orderable node types" call; the
 * region's reserved-node offerings list the node types it sells, filtered here to the one the
 * program asks for. https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeReservedCacheNodesOfferings.html
 */
export const cacheNodeTypeCheck: PreflightCheck = {
  id: "cache-node-type",
  actions: ["elasticache:DescribeReservedCacheNodesOfferings"],
  doc: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeReservedCacheNodesOfferings.html",
  async run(context) {
    const group = resourcesOfType(context.resources, "aws:elasticache/replicationGroup:ReplicationGroup")[0];
    if (!group) return { ok: true, detail: "the program creates no cache" };
    const nodeType = String(group.inputs.nodeType);
    const answer = await context.aws.elasticache.send(
      new DescribeReservedCacheNodesOfferingsCommand({ CacheNodeType: nodeType, MaxRecords: 20 }),
    );
    const offered = (answer.ReservedCacheNodesOfferings ?? []).some(
      (item) => item.CacheNodeType === nodeType,
    );
    if (offered) return { ok: true, detail: `${nodeType} is offered in ${context.config.region}` };
    return {
      ok: false,
      detail: `${nodeType} is not offered in ${context.config.region}`,
      fix: `Choose a node type the region sells (bavest-signals plan shows which fits): bavest-signals configure --stack ${context.stack} --node-type <type>`,
    };
  },
};
