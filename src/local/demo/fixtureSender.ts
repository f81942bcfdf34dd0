import { readFile } from "node:fs/promises";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { encodeEnvelope, parseEnvelope } from "../../core/envelope.js";
import { putRecordsWithRetry } from "../../core/putRecords.js";
import { CliError } from "../../lib/errors.js";

/**
 * Puts every envelope of a fixture file (a JSON array) on the stream, partition key = symbol.
 * Returns how many records Kinesis acknowledged; an invalid fixture names its index.
 */
export async function sendFixtureFile(
  client: KinesisClient,
  streamName: string,
  file: string,
): Promise<number> {
  const values = JSON.parse(await readFile(file, "utf8")) as unknown;
  if (!Array.isArray(values)) throw new CliError(`${file} is not a JSON array of envelopes.`);
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
