import { UsageError } from "../lib/errors.js";

/** Envelopes from a fixture: a JSON array, or JSON Lines (blank lines skipped). */
export function parseFixture(text: string, name: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === "") throw new UsageError(`Fixture ${name} is empty.`);
  if (trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed) as unknown[];
    } catch (error) {
      throw new UsageError(`Fixture ${name} is not a valid JSON array: ${(error as Error).message}`);
    }
  }
  return trimmed.split("\n").flatMap((line, index) => {
    if (line.trim() === "") return [];
    try {
      return [JSON.parse(line) as unknown];
    } catch {
      throw new UsageError(`Fixture ${name}, line ${index + 1}: not valid JSON.`);
    }
  });
}
