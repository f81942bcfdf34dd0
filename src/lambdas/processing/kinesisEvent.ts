/** The parts of a Lambda Kinesis event this function reads (the full type lives in @types/aws-lambda). */
export interface KinesisStreamRecord {
  eventID?: string;
  eventSourceARN?: string;
  kinesis: {
    data: string;
    partitionKey: string;
    sequenceNumber: string;
    approximateArrivalTimestamp?: number;
  };
}

export interface KinesisStreamEvent {
  Records: KinesisStreamRecord[];
}

export interface BatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export type { LambdaLogger as ProcessingLogger } from "../shared/logger.js";
