/** One record to send through the stream again, and the stored item it came from. */
export interface RedriveRecord {
  /** The stored item (a dead-letter line, an S3 object) that is removed once all of it is resent. */
  origin: string;
  /** For messages: `dead-letter.jsonl line 3`, `aws/lambda/.../x record 2`. */
  label: string;
  partitionKey: string;
  data: Uint8Array;
}

/** A record (or a whole stored item) that cannot be sent again, and why. */
export interface Unrecoverable {
  origin: string;
  label: string;
  reason: string;
}

/** What a failure destination holds right now. */
export interface Collected {
  records: RedriveRecord[];
  unrecoverable: Unrecoverable[];
  /** Every stored item looked at, in order, including those with nothing recoverable. */
  origins: string[];
}

/**
 * A failure destination: the local dead-letter file or a stack's S3 bucket. `remove` is
 * only ever called with items every record of which was resent and acknowledged.
 */
export interface RedriveSource {
  /** For messages: `the dead-letter file /x/dead-letter.jsonl`, `s3://bucket`. */
  readonly description: string;
  /** What one stored item is, in the plural, for "removed 24 ...": `line(s) of dead-letter.jsonl`. */
  readonly items: string;
  collect(): Promise<Collected>;
  remove(origins: readonly string[]): Promise<void>;
}
