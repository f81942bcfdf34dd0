/**
 * Writes `fixtures/replay/kinesis-event.json`: the first observation of each symbol in
 * `fixtures/replay/quotes.jsonl` as the Lambda Kinesis event the project's own event builder
 * makes, so the file is what `sam local invoke -e` or a Powertools parser expects and cannot
 * drift from the builder (test/unit/kinesis/eventFixture.test.ts compares the two).
 *
 *   npx tsx scripts/kinesis-event-fixture.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildKinesisEvent, type EventSourceIdentity, recordsForEnvelopes } from "../src/kinesis/event.js";
import { fixtureValues } from "../src/kinesis/fixture.js";

export const QUOTES_FIXTURE = fileURLToPath(new URL("../fixtures/replay/quotes.jsonl", import.meta.url));
export const KINESIS_EVENT_FIXTURE = fileURLToPath(
  new URL("../fixtures/replay/kinesis-event.json", import.meta.url),
);

/** A deployed stack's stream and role, as AWS's sample event names its own. */
const IDENTITY: EventSourceIdentity = {
  region: "eu-central-1",
  accountId: "123456789012",
  streamName: "bavest-signals-dev-quotes",
  functionName: "bavest-signals-dev-processing",
};
/** Put a moment after the envelopes were fetched: arrival in seconds with a millisecond fraction. */
const ARRIVAL = new Date("2025-11-20T15:00:02.345Z");

/** The fixture's text: the event for the first envelope of each symbol in the quotes fixture. */
export function kinesisEventFixtureText(quotesText: string): string {
  const parsed = fixtureValues(quotesText);
  if (!parsed.ok) throw new Error(`${QUOTES_FIXTURE}: ${parsed.label ?? ""} ${parsed.problem}`);
  const seen = new Set<string>();
  const firsts = parsed.values.filter((value) => {
    const symbol = (value as { symbol: string }).symbol;
    if (seen.has(symbol)) return false;
    seen.add(symbol);
    return true;
  });
  const event = buildKinesisEvent(recordsForEnvelopes(firsts, ARRIVAL), IDENTITY);
  return `${JSON.stringify(event, null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(KINESIS_EVENT_FIXTURE, kinesisEventFixtureText(readFileSync(QUOTES_FIXTURE, "utf8")));
  process.stderr.write(`Wrote ${KINESIS_EVENT_FIXTURE}\n`);
}
