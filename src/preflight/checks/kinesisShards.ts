import { DescribeLimitsCommand } from "@aws-sdk/client-kinesis";
import { addedBy, quotaVerdict, shardsNeeded } from "../programNeeds.js";
import type { PreflightCheck } from "../types.js";

/**
 * Kinesis shards per region: DescribeLimits answers both the limit and the open shards (and the
 * on-demand streams), so no Service Quotas call is needed.
 * https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeLimits.html
 */
export const kinesisShardsCheck: PreflightCheck = {
  id: "quota-kinesis-shards",
  actions: ["kinesis:DescribeLimits"],
  doc: "https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeLimits.html",
  async run(context) {
    const limits = await context.aws.kinesis.send(new DescribeLimitsCommand({}));
    const type = "aws:kinesis/stream:Stream";
    const need = {
      shards: addedBy(context, type, (streams) => shardsNeeded(streams).shards),
      onDemandStreams: addedBy(context, type, (streams) => shardsNeeded(streams).onDemandStreams),
    };
    const shards = quotaVerdict(
      "Kinesis shards",
      limits.ShardLimit ?? 0,
      limits.OpenShardCount ?? 0,
      need.shards,
      "DescribeLimits",
    );
    const streams = quotaVerdict(
      "on-demand streams",
      limits.OnDemandStreamCountLimit ?? 0,
      limits.OnDemandStreamCount ?? 0,
      need.onDemandStreams,
      "DescribeLimits",
    );
    const ok = shards.ok && (need.onDemandStreams === 0 || streams.ok);
    const detail = need.onDemandStreams > 0 ? `${shards.detail}; ${streams.detail}` : shards.detail;
    if (ok) return { ok, detail };
    return {
      ok,
      detail,
      fix: `Ask for more in Service Quotas (Amazon Kinesis Data Streams, "Shards per Region"), close unused streams, or lower the shards: bavest-signals configure --stack ${context.stack} --shards <n>`,
    };
  },
};
