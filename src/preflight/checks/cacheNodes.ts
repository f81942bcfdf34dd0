import { DescribeCacheClustersCommand } from "@aws-sdk/client-elasticache";
import { addedBy, cacheNodesNeeded, quotaVerdict } from "../programNeeds.js";
import { serviceQuota } from "../serviceQuota.js";
import type { PreflightCheck } from "../types.js";

/** Nodes per Region: quota L-DFE45DF3, 300 by default (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/quota-limits.html). */
const NODE_QUOTA = { service: "elasticache", code: "L-DFE45DF3", defaultValue: 300 };

export const cacheNodesCheck: PreflightCheck = {
  id: "quota-cache-nodes",
  actions: ["servicequotas:GetServiceQuota", "elasticache:DescribeCacheClusters"],
  doc: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/quota-limits.html",
  async run(context) {
    const need = addedBy(context, "aws:elasticache/replicationGroup:ReplicationGroup", cacheNodesNeeded);
    const quota = await serviceQuota(context.aws, NODE_QUOTA);
    let used = 0;
    let marker: string | undefined;
    do {
      const page = await context.aws.elasticache.send(new DescribeCacheClustersCommand({ Marker: marker }));
      for (const cluster of page.CacheClusters ?? []) used += cluster.NumCacheNodes ?? 1;
      marker = page.Marker;
    } while (marker);
    const verdict = quotaVerdict("ElastiCache nodes", quota.value, used, need, quota.source);
    if (verdict.ok) return { ok: true, detail: verdict.detail };
    return {
      ok: false,
      detail: verdict.detail,
      fix: `Ask for more in Service Quotas (Amazon ElastiCache, "Nodes per Region"), or use fewer nodes: bavest-signals configure --stack ${context.stack} --node-count 1`,
    };
  },
};
