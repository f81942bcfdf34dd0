import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery,
  type MetricDataResult,
} from "@aws-sdk/client-cloudwatch";

/** The per-minute series `status` reads, by query id. */
export const METRIC_IDS = [
  "streamIn",
  "streamOut",
  "iteratorAge",
  "processingInvocations",
  "processingErrors",
  "ingestionInvocations",
  "ingestionErrors",
  "deadLetters",
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export interface MetricNames {
  streamName: string;
  processingFunction: string;
  ingestionFunction: string;
  /** The dead-letter queue's name (the last part of its URL); absent when the stack has none. */
  deadLetterQueue?: string;
}

/** One point of a series: the minute it starts at (epoch ms) and its value. */
export interface Point {
  at: number;
  value: number;
}
export type Series = Record<MetricId, Point[]>;

function query(
  id: MetricId,
  namespace: string,
  name: string,
  dimension: [string, string],
  stat: string,
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: namespace,
        MetricName: name,
        Dimensions: [{ Name: dimension[0], Value: dimension[1] }],
      },
      Period: 60,
      Stat: stat,
    },
    ReturnData: true,
  };
}

/** The GetMetricData queries: Kinesis in/out/iterator age, both functions, the dead-letter queue. */
export function metricQueries(names: MetricNames): MetricDataQuery[] {
  const stream: [string, string] = ["StreamName", names.streamName];
  const processing: [string, string] = ["FunctionName", names.processingFunction];
  const ingestion: [string, string] = ["FunctionName", names.ingestionFunction];
  const queries = [
    query("streamIn", "AWS/Kinesis", "IncomingRecords", stream, "Sum"),
    query("streamOut", "AWS/Kinesis", "GetRecords.Records", stream, "Sum"),
    query("iteratorAge", "AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", stream, "Maximum"),
    query("processingInvocations", "AWS/Lambda", "Invocations", processing, "Sum"),
    query("processingErrors", "AWS/Lambda", "Errors", processing, "Sum"),
    query("ingestionInvocations", "AWS/Lambda", "Invocations", ingestion, "Sum"),
    query("ingestionErrors", "AWS/Lambda", "Errors", ingestion, "Sum"),
  ];
  if (names.deadLetterQueue) {
    queries.push(
      query(
        "deadLetters",
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
        ["QueueName", names.deadLetterQueue],
        "Maximum",
      ),
    );
  }
  return queries;
}

/** Turns GetMetricData results (any page order) into sorted series; missing ids stay empty. */
export function toSeries(results: readonly MetricDataResult[]): Series {
  const series = Object.fromEntries(METRIC_IDS.map((id) => [id, [] as Point[]])) as Series;
  for (const result of results) {
    const points = series[result.Id as MetricId];
    if (!points) continue;
    const times = result.Timestamps ?? [];
    const values = result.Values ?? [];
    times.forEach((time, index) => {
      const value = values[index];
      if (value !== undefined) points.push({ at: new Date(time).getTime(), value });
    });
  }
  for (const points of Object.values(series)) points.sort((a, b) => a.at - b.at);
  return series;
}

/** Sum of the points within the last `windowMs` (a started minute counts whole). */
export function sumSince(points: readonly Point[], now: number, windowMs: number): number {
  return points.filter((p) => p.at + 60_000 > now - windowMs).reduce((sum, p) => sum + p.value, 0);
}

/** Largest point within the last `windowMs`, or null when the window has no data. */
export function maxSince(points: readonly Point[], now: number, windowMs: number): number | null {
  const inWindow = points.filter((p) => p.at + 60_000 > now - windowMs).map((p) => p.value);
  return inWindow.length === 0 ? null : Math.max(...inWindow);
}

/** The last hour of per-minute metrics, following NextToken through every page. */
export async function fetchSeries(
  client: CloudWatchClient,
  names: MetricNames,
  now: number,
): Promise<Series> {
  const results: MetricDataResult[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: metricQueries(names),
        StartTime: new Date(now - 60 * 60_000),
        EndTime: new Date(now),
        ScanBy: "TimestampAscending",
        NextToken: nextToken,
      }),
    );
    results.push(...(page.MetricDataResults ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return toSeries(results);
}
