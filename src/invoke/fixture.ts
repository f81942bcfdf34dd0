import { fixtureValues } from "../kinesis/fixture.js";
import { UsageError } from "../lib/errors.js";

/**
 * Envelopes from a fixture: a JSON array, JSON Lines (blank lines skipped) or a Kinesis event,
 * read by the one fixture parser. A problem names the fixture and the line or index at fault.
 */
export function parseFixture(text: string, name: string): unknown[] {
  if (text.trim() === "") throw new UsageError(`Fixture ${name} is empty.`);
  const parsed = fixtureValues(text);
  if (parsed.ok) return parsed.values;
  // The parser's own detail (in parentheses) varies by Node version; the rule is what helps.
  const problem = parsed.problem.replace(/ \(.*\)$/s, "");
  if (parsed.label === undefined) throw new UsageError(`Fixture ${name} ${problem}.`);
  throw new UsageError(`Fixture ${name}, ${parsed.label}: ${problem}.`);
}
