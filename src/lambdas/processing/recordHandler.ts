import { analyseEnvelope } from "../../core/analysis.js";
import { decodeRecordData } from "../../core/envelope.js";
import type { RedisKeys } from "../../core/redisKeys.js";
import { planRejectWrite, planSignalWrite } from "../../core/writePlan.js";
import type { KinesisRecordInput } from "../../kinesis/event.js";
import type { LambdaLogger } from "../shared/logger.js";
import type { ProcessingSettings } from "./settings.js";
import type { SignalStore, StoreResult } from "./store.js";

export type RecordOutcome = StoreResult | "rejected";

export interface BatchTally {
  processed: number;
  rejected: number;
  duplicates: number;
  stale: number;
}

export interface RecordHandlerDeps {
  store: SignalStore;
  keys: RedisKeys;
  settings: ProcessingSettings;
  logger: LambdaLogger;
  now: () => Date;
}

/**
 * Handles one record: decode, analyse, store. A poison record is quarantined and counts as
 * handled; only an exception (Redis unreachable, timeout) marks the record failed for a retry.
 */
export function createRecordHandler(deps: RecordHandlerDeps, tally: BatchTally) {
  return async (record: KinesisRecordInput): Promise<RecordOutcome> => {
    const { data, sequenceNumber, partitionKey } = record.kinesis;
    const decoded = decodeRecordData(data ?? "", { now: deps.now(), partitionKey });
    if (!decoded.ok) {
      const bytes = Buffer.from(data ?? "", "base64");
      const write = planRejectWrite(
        { reason: decoded.reason, sequenceNumber, partitionKey, data: bytes },
        deps.keys,
        deps.settings.rejectedCap,
        deps.now(),
      );
      await deps.store.pushRejected(write);
      tally.rejected += 1;
      deps.logger.warn("Record rejected", { reason: decoded.reason, sequenceNumber, partitionKey });
      return "rejected";
    }
    const signal = analyseEnvelope(
      decoded.envelope,
      { sequenceNumber, processedAt: deps.now() },
      deps.settings.thresholds,
    );
    const result = await deps.store.storeSignal(
      planSignalWrite(signal, deps.keys, deps.settings.retentionSeconds),
    );
    tally.processed += 1;
    if (result === "duplicate") tally.duplicates += 1;
    if (result === "stale") tally.stale += 1;
    return result;
  };
}
