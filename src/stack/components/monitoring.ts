import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  INGESTION_METRICS,
  METRICS_NAMESPACE,
  PROCESSING_METRICS,
} from "../../lambdas/shared/metricNames.js";
import { createAlarmTopic } from "./alarmTopic.js";
import { type DashboardRefs, dashboardBody } from "./dashboard.js";
import type { Tags } from "./iam.js";

/** What the dashboard shows, and where alarms go. */
export interface MonitoringArgs extends DashboardRefs {
  alarmsEnabled: boolean;
  alarmEmail: string | undefined;
  /** Cache nodes: one memory alarm each (ElastiCache reports memory per node). */
  cacheNodeCount: number;
  tags: Tags;
}

const FIVE_MINUTES = 300;
/** Records older than this are waiting too long for the processing function. */
const ITERATOR_AGE_LIMIT_MS = 5 * 60 * 1000;
/** Redis memory in use, of what the node may use, above which writes soon fail or evict. */
const MEMORY_LIMIT_PERCENT = 80;

/** Alarms on the pipeline's failure signals, an optional email subscription, and a dashboard. */
export class Monitoring extends pulumi.ComponentResource {
  readonly dashboardName: pulumi.Output<string>;
  readonly alarmTopicArn: pulumi.Output<string> | undefined;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bavest-signals:stack:Monitoring", name, {}, opts);
    const dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      {
        dashboardName: `bavest-signals-${pulumi.getStack().replace(/[^A-Za-z0-9_-]/g, "-")}`,
        dashboardBody: dashboardBody(args),
      },
      { parent: this },
    );
    this.dashboardName = dashboard.dashboardName;
    if (args.alarmsEnabled) this.alarmTopicArn = this.createAlarms(name, args);
    this.registerOutputs({ dashboardName: this.dashboardName, alarmTopicArn: this.alarmTopicArn });
  }

  private createAlarms(name: string, args: MonitoringArgs): pulumi.Output<string> {
    const parent = { parent: this };
    const topic = createAlarmTopic(this, name, args.tags);
    if (args.alarmEmail) {
      new aws.sns.TopicSubscription(
        `${name}-alarm-email`,
        { topic: topic.arn, protocol: "email", endpoint: args.alarmEmail },
        parent,
      );
    }
    const alarm = (suffix: string, description: string, metric: Partial<aws.cloudwatch.MetricAlarmArgs>) =>
      new aws.cloudwatch.MetricAlarm(
        `${name}-${suffix}`,
        {
          alarmDescription: description,
          comparisonOperator: "GreaterThanThreshold",
          evaluationPeriods: 1,
          period: FIVE_MINUTES,
          threshold: 0,
          statistic: "Sum",
          treatMissingData: "notBreaching",
          alarmActions: [topic.arn],
          okActions: [topic.arn],
          tags: args.tags,
          ...metric,
        },
        parent,
      );
    alarm("processing-errors", "The processing function failed", {
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: args.processingFunctionName },
    });
    // Transient failures come back as batchItemFailures and never count as Lambda Errors.
    alarm("records-failed", "Records failed to store (reported back to Kinesis for a retry)", {
      namespace: METRICS_NAMESPACE,
      metricName: PROCESSING_METRICS.failed,
      dimensions: { service: "processing" },
    });
    alarm("iterator-age", "Stream records wait more than 5 minutes for processing", {
      namespace: "AWS/Lambda",
      metricName: "IteratorAge",
      statistic: "Maximum",
      threshold: ITERATOR_AGE_LIMIT_MS,
      dimensions: { FunctionName: args.processingFunctionName },
    });
    alarm("ingestion-errors", "The ingestion function failed", {
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: args.ingestionFunctionName },
    });
    // Each run publishes one SymbolsWritten value; a minimum of 0 means a run wrote nothing.
    alarm("ingestion-wrote-nothing", "An ingestion run wrote no symbol", {
      namespace: METRICS_NAMESPACE,
      metricName: INGESTION_METRICS.written,
      statistic: "Minimum",
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      dimensions: { service: "ingestion" },
    });
    for (let node = 1; node <= args.cacheNodeCount; node++) {
      const nodeId = String(node).padStart(3, "0");
      alarm(
        `redis-memory-${nodeId}`,
        `Redis node ${nodeId} uses more than ${MEMORY_LIMIT_PERCENT}% of its memory`,
        {
          namespace: "AWS/ElastiCache",
          metricName: "DatabaseMemoryUsagePercentage",
          statistic: "Maximum",
          threshold: MEMORY_LIMIT_PERCENT,
          dimensions: { CacheClusterId: pulumi.interpolate`${args.cacheReplicationGroupId}-${nodeId}` },
        },
      );
    }
    return topic.arn;
  }
}
