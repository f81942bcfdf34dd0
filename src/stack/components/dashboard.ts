import * as pulumi from "@pulumi/pulumi";
import { METRICS_NAMESPACE, PROCESSING_METRICS } from "../../lambdas/shared/metricNames.js";

export interface DashboardRefs {
  region: string;
  ingestionFunctionName: pulumi.Input<string>;
  processingFunctionName: pulumi.Input<string>;
  streamName: pulumi.Input<string>;
  cacheReplicationGroupId: pulumi.Input<string>;
}

type Metric = [string, string, string, string];

/**
 * The pipeline on one screen, from fetch to store: the CloudWatch dashboard body as JSON. Redis
 * metrics are per node; `-001` is the primary's node id at creation.
 */
export function dashboardBody(refs: DashboardRefs): pulumi.Output<string> {
  return pulumi
    .all([
      refs.ingestionFunctionName,
      refs.processingFunctionName,
      refs.streamName,
      refs.cacheReplicationGroupId,
    ])
    .apply(([ingestion, processing, stream, cache]) => {
      const widget = (title: string, metrics: Metric[], index: number, stat = "Sum") => ({
        type: "metric",
        x: (index % 2) * 12,
        y: Math.floor(index / 2) * 6,
        width: 12,
        height: 6,
        properties: { title, region: refs.region, stat, period: 300, view: "timeSeries", metrics },
      });
      const widgets = [
        widget(
          "Ingestion",
          [
            ["AWS/Lambda", "Invocations", "FunctionName", ingestion],
            ["AWS/Lambda", "Errors", "FunctionName", ingestion],
          ],
          0,
        ),
        widget(
          "Stream",
          [
            ["AWS/Kinesis", "IncomingRecords", "StreamName", stream],
            ["AWS/Kinesis", "GetRecords.Records", "StreamName", stream],
          ],
          1,
        ),
        widget(
          "Processing",
          [
            ["AWS/Lambda", "Invocations", "FunctionName", processing],
            ["AWS/Lambda", "Errors", "FunctionName", processing],
          ],
          2,
        ),
        widget(
          "Processing lag (ms)",
          [["AWS/Lambda", "IteratorAge", "FunctionName", processing]],
          3,
          "Maximum",
        ),
        widget(
          "Records",
          Object.values(PROCESSING_METRICS).map(
            (metric): Metric => [METRICS_NAMESPACE, metric, "service", "processing"],
          ),
          4,
        ),
        widget(
          "Redis",
          [
            ["AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", `${cache}-001`],
            ["AWS/ElastiCache", "CurrConnections", "CacheClusterId", `${cache}-001`],
            ["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", `${cache}-001`],
          ],
          5,
          "Average",
        ),
      ];
      return JSON.stringify({ widgets });
    });
}
