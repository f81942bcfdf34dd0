import { analyseEnvelope } from "../../core/analysis.js";
import { decodeRecordData } from "../../core/envelope.js";
import type { RedisKeys } from "../../core/redisKeys.js";
import { type PlannedRecord, planRejectWrite, planSignalWrite } from "../../core/writePlan.js";
import type { KinesisRecordInput } from "../../kinesis/event.js";
import type { ProcessingSettings } from "./settings.js";

export interface RecordPlanDeps {
  keys: RedisKeys;
  settings: ProcessingSettings;
  now: () => Date;
}

/** One record planned: its write, and why it is poison or whether the providers' P/E disagree. */
export interface RecordPlan {
  planned: PlannedRecord;
  /** The decoding error of a poison record. */
  rejectReason?: string;
  partitionKey: string;
  /** Bavest's own P/E and price / EPS differ by more than 1% (see analysis.ts). */
  peDisagrees: boolean;
}

/**
 * Plans one record: decode, analyse, plan its write. A poison record is planned for the
 * rejected list (it counts as handled, never retried). Pure but for the clock: no IO.
 */
export function planRecord(record: KinesisRecordInput, deps: RecordPlanDeps): RecordPlan {
  const { data, sequenceNumber, partitionKey } = record.kinesis;
  const decoded = decodeRecordData(data ?? "", { now: deps.now(), partitionKey });
  if (!decoded.ok) {
    const write = planRejectWrite(
      { reason: decoded.reason, sequenceNumber, partitionKey, data: Buffer.from(data ?? "", "base64") },
      deps.keys,
      deps.settings.rejectedCap,
      deps.now(),
    );
    return {
      planned: { kind: "reject", sequenceNumber, write },
      rejectReason: decoded.reason,
      partitionKey,
      peDisagrees: false,
    };
  }
  const signal = analyseEnvelope(
    decoded.envelope,
    { sequenceNumber, processedAt: deps.now() },
    deps.settings.thresholds,
  );
  const write = planSignalWrite(signal, deps.keys, deps.settings.retentionSeconds);
  return {
    planned: { kind: "signal", sequenceNumber, write },
    partitionKey,
    peDisagrees: signal.providerPeRatio !== undefined,
  };
}
