import type { PutRecordsCommandOutput, PutRecordsRequestEntry } from "@aws-sdk/client-kinesis";
import { type BackoffOptions, backoffDelayMs, sleep as defaultSleep } from "../core/retry.js";

/** Kinesis limits for one PutRecords call and one record (data + partition key bytes). */
export const PUT_RECORDS_MAX_ENTRIES = 500;
export const PUT_RECORDS_MAX_BYTES = 5 * 1024 * 1024;
export const RECORD_MAX_BYTES = 1024 * 1024;

export interface PutEntry {
  Data: Uint8Array;
  PartitionKey: string;
}

function entryBytes(entry: PutEntry): number {
  return entry.Data.byteLength + Buffer.byteLength(entry.PartitionKey, "utf8");
}

/**
 * Splits entries into PutRecords calls of at most 500 records and 5 MiB (data + partition key),
 * keeping their order. Throws a RangeError naming the first entry above Kinesis' 1 MiB record limit.
 */
export function planPutRecordsBatches<T extends PutEntry>(entries: readonly T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let currentBytes = 0;
  entries.forEach((entry, index) => {
    const bytes = entryBytes(entry);
    if (bytes > RECORD_MAX_BYTES) {
      throw new RangeError(`record ${index} (${entry.PartitionKey}) is ${bytes} bytes; Kinesis allows 1 MiB`);
    }
    if (current.length === PUT_RECORDS_MAX_ENTRIES || currentBytes + bytes > PUT_RECORDS_MAX_BYTES) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += bytes;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The one method of the Kinesis client this module needs (tests can pass a fake). */
export interface PutRecordsClient {
  send(command: unknown): Promise<unknown>;
}

export interface PutRecordsRetryOptions {
  /** Attempts per entry, the first included (default 5). */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface PutRecordsOutcome<T extends PutEntry> {
  acknowledged: { entry: T; sequenceNumber: string; shardId: string }[];
  failed: { entry: T; errorCode: string; errorMessage: string }[];
  /** PutRecords calls made, retries included. */
  calls: number;
}

/** Errors for which sending again cannot help. */
const PERMANENT_ERRORS = new Set([
  "ResourceNotFoundException",
  "AccessDeniedException",
  "ValidationException",
  "InvalidArgumentException",
  "KMSAccessDeniedException",
]);

type Outstanding<T> = { entry: T; errorCode: string; errorMessage: string };

/**
 * Writes entries with PutRecords in planned batches. After each call only the entries the
 * answer marks failed (`FailedRecordCount`/`ErrorCode`) are sent again, with exponential backoff
 * and full jitter. Never throws for Kinesis errors: what could not be written is in `failed`.
 */
export async function putRecordsWithRetry<T extends PutEntry>(
  client: PutRecordsClient,
  streamName: string,
  entries: readonly T[],
  options: PutRecordsRetryOptions = {},
): Promise<PutRecordsOutcome<T>> {
  const { PutRecordsCommand } = await import("@aws-sdk/client-kinesis");
  const maxAttempts = options.maxAttempts ?? 5;
  const backoff = options.backoff ?? { baseMs: 100, capMs: 2_000 };
  const sleep = options.sleep ?? defaultSleep;
  const outcome: PutRecordsOutcome<T> = { acknowledged: [], failed: [], calls: 0 };
  let pending: Outstanding<T>[] = entries.map((entry) => ({ entry, errorCode: "", errorMessage: "" }));
  for (let attempt = 0; attempt < maxAttempts && pending.length > 0; attempt += 1) {
    if (attempt > 0) await sleep(backoffDelayMs(attempt - 1, backoff, options.random));
    const next: Outstanding<T>[] = [];
    for (const batch of planPutRecordsBatches(pending.map((p) => p.entry))) {
      outcome.calls += 1;
      next.push(
        ...(await sendBatch(
          client,
          new PutRecordsCommand({ StreamName: streamName, Records: batch }),
          batch,
          outcome,
        )),
      );
    }
    const permanent = next.filter((p) => PERMANENT_ERRORS.has(p.errorCode));
    outcome.failed.push(...permanent);
    pending = next.filter((p) => !PERMANENT_ERRORS.has(p.errorCode));
  }
  outcome.failed.push(...pending);
  return outcome;
}

/** Sends one batch; records acknowledged entries and returns the ones to try again. */
async function sendBatch<T extends PutEntry>(
  client: PutRecordsClient,
  command: unknown,
  batch: T[],
  outcome: PutRecordsOutcome<T>,
): Promise<Outstanding<T>[]> {
  let answer: PutRecordsCommandOutput;
  try {
    answer = (await client.send(command)) as PutRecordsCommandOutput;
  } catch (error) {
    const err = error as { name?: string; message?: string };
    return batch.map((entry) => ({
      entry,
      errorCode: err.name ?? "Error",
      errorMessage: err.message ?? String(error),
    }));
  }
  const retry: Outstanding<T>[] = [];
  batch.forEach((entry, index) => {
    const result = answer.Records?.[index];
    if (result && !result.ErrorCode && result.SequenceNumber) {
      outcome.acknowledged.push({
        entry,
        sequenceNumber: result.SequenceNumber,
        shardId: result.ShardId ?? "",
      });
    } else {
      retry.push({
        entry,
        errorCode: result?.ErrorCode ?? "MissingResult",
        errorMessage: result?.ErrorMessage ?? "PutRecords returned no result for this entry",
      });
    }
  });
  return retry;
}

export type { PutRecordsRequestEntry };
