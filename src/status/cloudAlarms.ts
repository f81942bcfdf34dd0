import { type CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import type { AlarmFacts } from "./types.js";

/** At most this many pages of alarms: a stack has a handful, an account may have thousands. */
const MAX_PAGES = 10;

/**
 * The stack's alarms: those that notify its alarm topic (output `alarm_topic_arn`), else
 * those whose name starts with `namePrefix`. No topic and no prefix: none.
 */
export async function fetchAlarms(
  client: CloudWatchClient,
  select: { topicArn?: string; namePrefix?: string },
): Promise<AlarmFacts[]> {
  if (!select.topicArn && !select.namePrefix) return [];
  const alarms: AlarmFacts[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await client.send(
      new DescribeAlarmsCommand({
        ...(select.topicArn ? { ActionPrefix: select.topicArn } : { AlarmNamePrefix: select.namePrefix }),
        AlarmTypes: ["MetricAlarm", "CompositeAlarm"],
        NextToken: nextToken,
      }),
    );
    for (const alarm of [...(answer.MetricAlarms ?? []), ...(answer.CompositeAlarms ?? [])]) {
      alarms.push({
        name: alarm.AlarmName ?? "(unnamed)",
        state: alarm.StateValue ?? "INSUFFICIENT_DATA",
        ...(alarm.StateReason ? { reason: alarm.StateReason } : {}),
        ...(alarm.StateUpdatedTimestamp
          ? { updatedAt: new Date(alarm.StateUpdatedTimestamp).toISOString() }
          : {}),
      });
    }
    nextToken = answer.NextToken;
    if (!nextToken) break;
  }
  return alarms.sort((a, b) => a.name.localeCompare(b.name));
}
