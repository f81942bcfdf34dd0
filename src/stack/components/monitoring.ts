import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  INGESTION_METRICS,
  METRICS_NAMESPACE,
  PROCESSING_METRICS,
} from "../../lambdas/shared/metricNames.js";
import { heartbeatPeriodSeconds, type PIPELINE_ALARMS } from "./alarmInventory.js";
import { createAlarmTopic } from "./alarmTopic.js";
import { type DashboardRefs, dashboardBody } from "./dashboard.js";
import type { Tags } from "./iam.js";

/** What the dashboard shows, and where alarms go. */
export interface MonitoringArgs extends DashboardRefs {
  alarmsEnabled: boolean;
  alarmEmail: string | undefined;
  /** Cache nodes: one memory alarm each (ElastiCache reports memory per node). */
  cacheNodeCount: number;
  /** Every alarm's name starts with it (stack output `alarm_name_prefix`). */
  alarmNamePrefix: string;
  /** The ingestion schedule: the heartbeat waits two of its intervals. */
  schedule: string;
  /** The schedule's EventBridge rules: a failed invocation of any of them alarms. */
  scheduleRuleNames: pulumi.Input<string>[];
  tags: Tags;
}

type PipelineAlarm = (typeof PIPELINE_ALARMS)[number];

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
          name: `${args.alarmNamePrefix}${suffix}`,
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
    const pipeline = (
      suffix: PipelineAlarm,
      description: string,
      metric: Partial<aws.cloudwatch.MetricAlarmArgs>,
    ) => alarm(suffix, description, metric);
    const lambda = (functionName: pulumi.Input<string>, metricName: string) => ({
      namespace: "AWS/Lambda",
      metricName,
      dimensions: { FunctionName: functionName },
    });
    pipeline(
      "processing-errors",
      "The processing function failed",
      lambda(args.processingFunctionName, "Errors"),
    );
    // Transient failures come back as batchItemFailures and never count as Lambda Errors.
    pipeline("records-failed", "Records failed to store (reported back to Kinesis for a retry)", {
      namespace: METRICS_NAMESPACE,
      metricName: PROCESSING_METRICS.failed,
      dimensions: { service: "processing" },
    });
    pipeline("iterator-age", "Stream records wait more than 5 minutes for processing", {
      ...lambda(args.processingFunctionName, "IteratorAge"),
      statistic: "Maximum",
      threshold: ITERATOR_AGE_LIMIT_MS,
    });
    pipeline(
      "ingestion-errors",
      "The ingestion function failed",
      lambda(args.ingestionFunctionName, "Errors"),
    );
    // Each run publishes one SymbolsWritten value; a minimum of 0 means a run wrote nothing, and
    // no value at all means no run: a disabled rule, a lost permission, failed invocations.
    pipeline("ingestion-wrote-nothing", "No ingestion run wrote a symbol for two schedule intervals", {
      namespace: METRICS_NAMESPACE,
      metricName: INGESTION_METRICS.written,
      statistic: "Minimum",
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      period: heartbeatPeriodSeconds(args.schedule),
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: "breaching",
      dimensions: { service: "ingestion" },
    });
    // Scheduled runs are asynchronous and never retried: each failed run is dropped and counted here.
    pipeline(
      "ingestion-runs-dropped",
      "An ingestion run failed and was dropped (no retry: it would overlap the next run)",
      lambda(args.ingestionFunctionName, "AsyncEventsDropped"),
    );
    args.scheduleRuleNames.forEach((ruleName, index) => {
      alarm(`schedule-failed-${index + 1}`, "EventBridge could not invoke the ingestion function", {
        namespace: "AWS/Events",
        metricName: "FailedInvocations",
        dimensions: { RuleName: ruleName },
      });
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
