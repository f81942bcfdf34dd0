// The event model is shared with invoke, redrive and the functions; the emulator adds its answers.
export {
  buildKinesisEvent,
  type EventSourceIdentity,
  type KinesisEventRecord,
  type KinesisStreamEvent,
  type StreamRecord,
  streamArnOf,
} from "../../kinesis/event.js";

import type { WriteCounts } from "../../core/outcomes.js";
import type { KinesisStreamEvent, StreamRecord } from "../../kinesis/event.js";

/** What the processing function answers; `void` counts as "everything succeeded". */
export type BatchResponse =
  | {
      batchItemFailures?: Array<{ itemIdentifier?: string | null }>;
      /** What the local host read from the function's log: not part of Lambda's response. */
      localCounts?: WriteCounts;
    }
  | undefined
  | null;

/** The processing function: a Lambda handler for Kinesis events with partial batch responses. */
export type ProcessingHandler = (event: KinesisStreamEvent) => Promise<BatchResponse | undefined>;

/**
 * The index of the first record to retry after a partial batch response, or -1 when none
 * failed. Like Lambda, an identifier that is empty or not in the batch fails the whole batch.
 */
export function firstFailedIndex(
  records: readonly StreamRecord[],
  response: BatchResponse | undefined,
): number {
  const failures = response?.batchItemFailures ?? [];
  if (failures.length === 0) return -1;
  let lowest = -1;
  for (const failure of failures) {
    const index = records.findIndex((record) => record.sequenceNumber === failure.itemIdentifier);
    if (index < 0) return 0;
    if (lowest < 0 || index < lowest) lowest = index;
  }
  return lowest;
}
