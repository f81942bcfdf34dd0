import type { PipelineListener } from "./pipelineOptions.js";

/** A listener that calls every given listener in turn. */
export function combineListeners(...listeners: Array<PipelineListener | undefined>): PipelineListener {
  const present = listeners.filter((listener): listener is PipelineListener => listener !== undefined);
  return {
    onBatch: (event) => {
      for (const l of present) l.onBatch?.(event);
    },
    onDeadLetter: (event) => {
      for (const l of present) l.onDeadLetter?.(event);
    },
    onDelivered: (shardId, records) => {
      for (const l of present) l.onDelivered?.(shardId, records);
    },
    onReadError: (shardId, error) => {
      for (const l of present) l.onReadError?.(shardId, error);
    },
    onStuck: (event) => {
      for (const l of present) l.onStuck?.(event);
    },
    onMovesAgain: (shardId, ms) => {
      for (const l of present) l.onMovesAgain?.(shardId, ms);
    },
    onServerDown: (server, how) => {
      for (const l of present) l.onServerDown?.(server, how);
    },
    onServerBack: (server, detail) => {
      for (const l of present) l.onServerBack?.(server, detail);
    },
    onIngestion: (run) => {
      for (const l of present) l.onIngestion?.(run);
    },
    onWriteFailed: (fault) => {
      for (const l of present) l.onWriteFailed?.(fault);
    },
    onWriteRecovered: (file, ms) => {
      for (const l of present) l.onWriteRecovered?.(file, ms);
    },
  };
}
