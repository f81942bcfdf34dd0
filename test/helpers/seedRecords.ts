/**
 * Records exactly as the seed's ingestion writes them (Schlomon/realtime_bavest_signals
 * lambda_functions/ingestion/handler.py send_to_kinesis): `json.dumps` of
 * `{"data", "ingestion_timestamp": datetime.utcnow().isoformat(), "source": "bavest_api",
 * "lambda_request_id"}`, partition key the ISIN it asked for.
 */

/** The ISIN the seed asks Bavest for and uses as every record's partition key. */
export const SEED_ISIN = "DE0005104400";

/** Python's `json.dumps` with its default separators (", " and ": "), keys in insertion order. */
export function pythonJsonDumps(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(
      ([key, item]) => `${JSON.stringify(key)}: ${pythonJsonDumps(item)}`,
    );
    return `{${entries.join(", ")}}`;
  }
  return JSON.stringify(value);
}

/** `datetime.utcnow().isoformat()`: naive UTC, microseconds only when not zero. */
export function pythonUtcIsoformat(at: Date, microseconds = 123_456): string {
  const base = at.toISOString().slice(0, 19);
  return microseconds === 0 ? base : `${base}.${String(microseconds).padStart(6, "0")}`;
}

/** The bytes and partition key of one seed record for `quote` (what Bavest answered). */
export function seedRecord(quote: Record<string, unknown>, at: Date, microseconds?: number) {
  const enriched = {
    data: quote,
    ingestion_timestamp: pythonUtcIsoformat(at, microseconds),
    source: "bavest_api",
    lambda_request_id: "unknown",
  };
  return { data: Buffer.from(pythonJsonDumps(enriched), "utf8"), partitionKey: SEED_ISIN };
}
