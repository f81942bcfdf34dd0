import type { StackConfig } from "../stack/config.js";
import { cacheNodeKey, type RegionPrices } from "./prices.js";

/**
 * The price-table figures each cost line reads, by the line's item. Kept next to the table's
 * `unconfirmed` list rather than inside every line builder, so that marking a line is one lookup;
 * a line without an entry here reads as confirmed, which the tests rule out for every line.
 */
export function figuresOf(item: string, config: StackConfig, table: RegionPrices): string[] | undefined {
  if (item.startsWith("ElastiCache ")) return [cacheNodeKey(table.cacheNodeHour, config.cache.nodeType)];
  const byItem: Record<string, string[]> = {
    "Kinesis on-demand stream": ["kinesis.onDemandStreamHour"],
    "Kinesis on-demand data in/out": ["kinesis.onDemandIngestPerGb", "kinesis.onDemandRetrievalPerGb"],
    "Kinesis shards": ["kinesis.shardHour"],
    "Kinesis PUT payload units": ["kinesis.putPayloadUnitsPerMillion"],
    "Kinesis extended retention": ["kinesis.extendedRetentionShardHour"],
    "Lambda (ingestion + processing)": [
      "lambda.requestsPerMillion",
      `lambda.gbSecond.${config.functions.architecture}`,
    ],
    "Secrets Manager": ["secretsManager.secretMonth"],
    "S3 failure bucket": ["s3.standardGbMonth"],
    "CloudWatch Logs ingestion": ["cloudWatch.logsIngestPerGb"],
    "CloudWatch dashboard": ["cloudWatch.dashboardMonth"],
    "CloudWatch alarms": ["cloudWatch.standardAlarmMonth"],
    "CloudWatch custom metrics (EMF)": ["cloudWatch.customMetricMonth"],
    "KMS key (alarm topic)": ["kms.keyMonth"],
    "Bastion EC2 t4g.nano": ["ec2.t4g.nano"],
    "Bastion public IPv4 address": ["publicIpv4Hour"],
  };
  return byItem[item];
}

/** Whether a line's price rests on a figure the table lists as unconfirmed. */
export function usesUnconfirmedPrice(item: string, config: StackConfig, table: RegionPrices): boolean {
  const figures = figuresOf(item, config, table) ?? [];
  return figures.some((figure) => table.unconfirmed.includes(figure));
}
