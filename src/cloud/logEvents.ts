import {
  type CloudWatchLogsClient,
  type FilteredLogEvent,
  FilterLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";

/** Which events of one log group to read, and how many pages at most. */
export interface LogEventsQuery {
  logGroupName: string;
  startTime: number;
  /** A CloudWatch Logs filter pattern; every event when absent. */
  filterPattern?: string;
  /** Stops after this many pages: on a very busy group the result is then the oldest part. */
  maxPages: number;
}

/**
 * The events of one log group from `startTime` on, following nextToken. A function that never
 * ran has no log group yet: that is "no events", not a failure.
 */
export async function filterLogEvents(
  client: CloudWatchLogsClient,
  query: LogEventsQuery,
): Promise<FilteredLogEvent[]> {
  const { logGroupName, filterPattern, startTime } = query;
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  try {
    for (let page = 0; page < query.maxPages; page += 1) {
      const answer = await client.send(
        new FilterLogEventsCommand({
          logGroupName,
          ...(filterPattern === undefined ? {} : { filterPattern }),
          startTime,
          nextToken,
        }),
      );
      events.push(...(answer.events ?? []));
      nextToken = answer.nextToken;
      if (!nextToken) break;
    }
  } catch (error) {
    if ((error as { name?: string }).name !== "ResourceNotFoundException") throw error;
  }
  return events;
}
