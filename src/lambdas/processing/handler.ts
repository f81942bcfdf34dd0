import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Redis } from "ioredis";
import { redisKeys } from "../../core/redisKeys.js";
import type { BatchItemFailures, KinesisEventInput } from "../../kinesis/event.js";
import type { LambdaLogger } from "../shared/logger.js";
import { errorText, jsonConsoleLogger } from "../shared/logger.js";
import { type BatchTally, createRecordHandler } from "./recordHandler.js";
import type { ProcessingSettings } from "./settings.js";
import { createSignalStore } from "./store.js";

export interface ProcessingHandlerDeps {
  redis: Redis;
  settings: ProcessingSettings;
  logger?: LambdaLogger;
  now?: () => Date;
  /** Receives each batch's counts (the function publishes them as CloudWatch metrics). */
  onBatch?: (counts: BatchTally & { failed: number }) => void;
}

export type ProcessingHandler = (event: KinesisEventInput, context?: unknown) => Promise<BatchItemFailures>;

/**
 * The processing function outside of any Lambda specifics: decodes, analyses and stores every
 * record of a Kinesis batch, quarantines poison records, and reports only transient failures
 * as `batchItemFailures` (never throws for them, even when the whole batch fails).
 */
export function createProcessingHandler(deps: ProcessingHandlerDeps): ProcessingHandler {
  const logger = deps.logger ?? jsonConsoleLogger;
  const store = createSignalStore(deps.redis);
  const keys = redisKeys(deps.settings.keyPrefix);
  const now = deps.now ?? (() => new Date());
  return async (event) => {
    const tally: BatchTally = { processed: 0, rejected: 0, duplicates: 0, stale: 0 };
    const recordHandler = createRecordHandler({ store, keys, settings: deps.settings, logger, now }, tally);
    // A processor keeps per-batch state, so each invocation gets its own.
    const processor = new BatchProcessor(EventType.KinesisDataStreams);
    const response = (await processPartialResponse(event, recordHandler, processor, {
      throwOnFullBatchFailure: false,
    })) as BatchItemFailures;
    const failed = response.batchItemFailures.length;
    const counts = { records: event.Records.length, ...tally, failed };
    deps.onBatch?.({ ...tally, failed });
    if (failed > 0) {
      const firstError = processor.errors[0];
      logger.error("Batch had transient failures", { ...counts, firstError: errorText(firstError) });
    } else {
      logger.info("Batch processed", counts);
    }
    return { batchItemFailures: response.batchItemFailures };
  };
}
