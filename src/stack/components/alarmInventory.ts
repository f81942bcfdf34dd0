import { planForConfig, TARGETS_PER_RULE } from "../../core/ingestionModel.js";
import type { StackConfig } from "../config.js";
import { scheduleIntervalSeconds } from "../rules/schedule.js";

/**
 * Which alarms the program makes for a configuration, without loading the Pulumi SDK: the
 * monitoring component creates exactly these, and `plan` prices them (a test holds both to the
 * synthesized program).
 */

/** One alarm each, on the functions' own failure signals. */
export const PIPELINE_ALARMS = [
  "processing-errors",
  "records-failed",
  "iterator-age",
  "ingestion-errors",
  "ingestion-wrote-nothing",
  "ingestion-runs-dropped",
] as const;

/** The schedule's EventBridge rules: five targets (watchlist slices) each. */
export function scheduleRuleCount(config: Pick<StackConfig, "symbols" | "ingestion" | "functions">): number {
  return Math.max(1, Math.ceil(planForConfig(config).slices.length / TARGETS_PER_RULE));
}

/** How many alarms a stack has: the pipeline's (when alarms are on) and the bastion's idle stop. */
export function alarmCount(config: StackConfig): { pipeline: number; bastion: number; total: number } {
  const pipeline = config.alarms.enabled
    ? PIPELINE_ALARMS.length + scheduleRuleCount(config) + config.cache.nodeCount
    : 0;
  const bastion = config.bastion ? 1 : 0;
  return { pipeline, bastion, total: pipeline + bastion };
}

/** Shortest period an alarm on a 5-minute (or slower) metric can use. */
const MIN_PERIOD_SECONDS = 300;
/** Periods of 1 hour or more may span up to 7 days in all (PutMetricAlarm Period). */
const MAX_EVALUATION_SECONDS = 604_800;

/**
 * The heartbeat's period: one schedule interval, at least 5 minutes, a multiple of 60 s, and
 * short enough that two of them fit CloudWatch's evaluation limit
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
 */
export function heartbeatPeriodSeconds(schedule: string): number {
  const interval = Math.ceil(scheduleIntervalSeconds(schedule) / 60) * 60;
  return Math.min(Math.max(MIN_PERIOD_SECONDS, interval), MAX_EVALUATION_SECONDS / 2);
}
