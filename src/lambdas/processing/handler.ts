import type { Redis } from "ioredis";
import { countOutcome, emptyOutcomeCounts, type OutcomeCounts } from "../../core/outcomes.js";
import { OUTCOMES_KEEP_MS, redisKeys } from "../../core/redisKeys.js";
import type { BatchItemFailures, KinesisEventInput } from "../../kinesis/event.js";
import type { LambdaLogger } from "../shared/logger.js";
import { errorText, jsonConsoleLogger } from "../shared/logger.js";
import { planRecord } from "./recordHandler.js";
import type { ProcessingSettings } from "./settings.js";
import { createSignalStore } from "./store.js";

/** A batch's counts: one outcome per record, and the records whose two P/E figures disagree. */
export type BatchCounts = OutcomeCounts & { peDisagreements: number };

export interface ProcessingHandlerDeps {
  redis: Redis;
  settings: ProcessingSettings;
  logger?: LambdaLogger;
  now?: () => Date;
  /** Receives each batch's counts (the function publishes them as CloudWatch metrics). */
  onBatch?: (counts: BatchCounts) => void;
}

export type ProcessingHandler = (event: KinesisEventInput, context?: unknown) => Promise<BatchItemFailures>;

/**
 * The processing function outside of any Lambda specifics: decodes and analyses every record
 * of a Kinesis batch, then writes them all in one Redis round trip (one script call per 1,000
 * records, pipelined), quarantining poison records, and reports only transient failures as
 * `batchItemFailures` (never throws for them, even when the whole batch fails). Its log line
 * "Batch processed" carries the counts of what the write did; `dev` reads them from there.
 */
export function createProcessingHandler(deps: ProcessingHandlerDeps): ProcessingHandler {
  const logger = deps.logger ?? jsonConsoleLogger;
  const keys = redisKeys(deps.settings.keyPrefix);
  const store = createSignalStore(deps.redis, keys);
  const now = deps.now ?? (() => new Date());
  const planDeps = { keys, settings: deps.settings, now };
  return async (event) => {
    const plans = event.Records.map((record) => planRecord(record, planDeps));
    const results = await store.storeBatch(
      plans.map((plan) => plan.planned),
      {
        retentionSeconds: deps.settings.retentionSeconds,
        rejectedCap: deps.settings.rejectedCap,
        outcomesKeptSinceMs: now().getTime() - OUTCOMES_KEEP_MS,
      },
    );
    const counts: BatchCounts = { ...emptyOutcomeCounts(), peDisagreements: 0 };
    const batchItemFailures: BatchItemFailures["batchItemFailures"] = [];
    let firstError: Error | undefined;
    results.forEach((result, i) => {
      const plan = plans[i] as (typeof plans)[number];
      countOutcome(counts, result.outcome);
      if (plan.peDisagrees) counts.peDisagreements += 1;
      if (result.outcome === "failed") {
        batchItemFailures.push({ itemIdentifier: plan.planned.sequenceNumber });
        firstError ??= result.error;
      } else if (result.outcome === "rejected") {
        const { sequenceNumber } = plan.planned;
        logger.warn("Record rejected", {
          reason: plan.rejectReason,
          sequenceNumber,
          partitionKey: plan.partitionKey,
        });
      }
    });
    deps.onBatch?.(counts);
    const line = { records: event.Records.length, ...counts };
    if (firstError)
      logger.error("Batch had transient failures", { ...line, firstError: errorText(firstError) });
    else logger.info("Batch processed", line);
    return { batchItemFailures };
  };
}
