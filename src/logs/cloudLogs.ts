import type { CloudWatchLogsClient, FilteredLogEvent } from "@aws-sdk/client-cloudwatch-logs";
import { filterLogEvents } from "../cloud/logEvents.js";
import { pause } from "../status/watch.js";
import { type LogEntry, parseLogLine } from "./render.js";

/** A function's log group in CloudWatch Logs. */
export interface LogGroup {
  source: string;
  logGroupName: string;
}

export interface CloudLogsOptions {
  since: number;
  follow: boolean;
  signal: AbortSignal;
  pollMs?: number;
  /** Stops a first read of a very busy group after this many pages. */
  maxPages?: number;
}

function toEntry(source: string, event: FilteredLogEvent): LogEntry {
  return parseLogLine(source, event.message ?? "", event.timestamp ?? null);
}

/**
 * Emits the groups' events since `since`, oldest first, then with `follow` polls for new ones
 * (from the newest timestamp seen, skipping event ids already shown) until `signal` aborts.
 */
export async function readCloudLogs(
  client: CloudWatchLogsClient,
  groups: readonly LogGroup[],
  options: CloudLogsOptions,
  emit: (entry: LogEntry) => void,
): Promise<void> {
  // Ids of events at or after startTime: a poll from that time returns them again.
  const seen = new Map<string, number>();
  let startTime = options.since;
  const round = async (pages: number) => {
    const batches = await Promise.all(
      groups.map(async (group) =>
        (await filterLogEvents(client, { logGroupName: group.logGroupName, startTime, maxPages: pages })).map(
          (event) => ({ group, event }),
        ),
      ),
    );
    const fresh = batches
      .flat()
      .filter(({ event }) => !event.eventId || !seen.has(event.eventId))
      .sort((a, b) => (a.event.timestamp ?? 0) - (b.event.timestamp ?? 0));
    for (const { group, event } of fresh) {
      if (event.eventId) seen.set(event.eventId, event.timestamp ?? 0);
      startTime = Math.max(startTime, event.timestamp ?? 0);
      emit(toEntry(group.source, event));
    }
    for (const [id, at] of seen) if (at < startTime) seen.delete(id);
  };
  await round(options.maxPages ?? 50);
  while (options.follow && !options.signal.aborted) {
    await pause(options.pollMs ?? 2_000, options.signal);
    if (!options.signal.aborted) await round(options.maxPages ?? 50);
  }
}
