import { readFile } from "node:fs/promises";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { encodeEnvelope, parseEnvelope } from "../../core/envelope.js";
import { fixtureValues } from "../../kinesis/fixture.js";
import { putRecordsWithRetry } from "../../kinesis/putRecords.js";
import { CliError } from "../../lib/errors.js";

/** A fixture file's values through the one fixture parser; a problem names the file and the record. */
export async function readFixtureValues(file: string): Promise<unknown[]> {
  const parsed = fixtureValues(await readFile(file, "utf8"));
  if (parsed.ok) return parsed.values;
  const where = parsed.label === undefined ? "" : `, ${parsed.label}:`;
  throw new CliError(`${file}${where} ${parsed.problem}.`, {
    hint: "Give a JSON array of envelopes, JSON Lines (one envelope a line) or a Kinesis event.",
  });
}

/**
 * Puts every envelope of a fixture file (a JSON array, JSON Lines or a Kinesis event) on the stream, partition key = symbol.
 * Returns how many records Kinesis acknowledged; an invalid fixture names its index.
 */
export async function sendFixtureFile(
  client: KinesisClient,
  streamName: string,
  file: string,
): Promise<number> {
  const values = await readFixtureValues(file);
  const entries = values.map((value, index) => {
    const parsed = parseEnvelope(value, { fixture: true });
    if (!parsed.ok) throw new CliError(`Record ${index} of ${file} is invalid: ${parsed.reason}.`);
    return { Data: encodeEnvelope(parsed.envelope), PartitionKey: parsed.envelope.symbol };
  });
  const outcome = await putRecordsWithRetry(client, streamName, entries);
  if (outcome.failed.length > 0) {
    const first = outcome.failed[0];
    throw new CliError(
      `${outcome.failed.length} record(s) could not be put on the local stream: ${first?.errorMessage}.`,
    );
  }
  return outcome.acknowledged.length;
}
