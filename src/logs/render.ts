import type { ChalkInstance } from "chalk";

/** One log line of a function, as read from a file or CloudWatch Logs. */
export interface LogEntry {
  /** `ingestion` or `processing`. */
  source: string;
  /** The line exactly as the function wrote it. */
  text: string;
  /** Epoch ms: the line's own `timestamp`, else when CloudWatch received it, else null. */
  time: number | null;
  /** The parsed JSON object, when the line is one. */
  fields?: Record<string, unknown>;
}

/** Keys every Powertools line carries that say nothing about what happened. */
const NOISE = new Set([
  "level",
  "message",
  "timestamp",
  "service",
  "sampling_rate",
  "xray_trace_id",
  "cold_start",
  "function_arn",
  "function_memory_size",
  "function_name",
  "function_request_id",
]);

/** Parses a line; JSON objects get their fields and timestamp, anything else stays text. */
export function parseLogLine(source: string, text: string, receivedAt: number | null = null): LogEntry {
  const trimmed = text.trimEnd();
  if (trimmed.startsWith("{")) {
    try {
      const fields = JSON.parse(trimmed) as unknown;
      if (fields && typeof fields === "object" && !Array.isArray(fields)) {
        const record = fields as Record<string, unknown>;
        const own = typeof record.timestamp === "string" ? Date.parse(record.timestamp) : Number.NaN;
        return { source, text: trimmed, time: Number.isFinite(own) ? own : receivedAt, fields: record };
      }
    } catch {
      // Not JSON after all: shown as text.
    }
  }
  return { source, text: trimmed, time: receivedAt };
}

function value(raw: unknown): string {
  if (typeof raw === "string") return /[\s"=]/.test(raw) ? JSON.stringify(raw) : raw;
  if (Array.isArray(raw)) return raw.length === 0 ? "[]" : `[${raw.length}]`;
  if (raw && typeof raw === "object") return JSON.stringify(raw);
  return String(raw);
}

function paintLevel(level: string, style: ChalkInstance): string {
  const padded = level.padEnd(5);
  if (level === "ERROR" || level === "CRITICAL") return style.red(padded);
  if (level === "WARN") return style.yellow(padded);
  if (level === "DEBUG") return style.dim(padded);
  return style.green(padded);
}

/**
 * A Powertools JSON line made readable: time, level, message, then the counts and other
 * fields as key=value (lists shown by their length). Other lines are printed as they are.
 */
export function renderLogEntry(entry: LogEntry, style: ChalkInstance, withSource: boolean): string {
  const prefix = withSource ? `${style.cyan(entry.source.padEnd(10))} ` : "";
  const fields = entry.fields;
  if (!fields) {
    const time = entry.time === null ? "" : `${new Date(entry.time).toISOString()} `;
    return `${prefix}${style.dim(time)}${entry.text}`;
  }
  const time = entry.time === null ? "-".repeat(24) : new Date(entry.time).toISOString();
  const level = typeof fields.level === "string" ? fields.level.toUpperCase() : "INFO";
  const message = typeof fields.message === "string" ? fields.message : "";
  const rest = Object.entries(fields)
    .filter(([key, raw]) => !NOISE.has(key) && raw !== undefined && raw !== null)
    .map(([key, raw]) => `${style.dim(`${key}=`)}${value(raw)}`);
  return `${prefix}${style.dim(time)} ${paintLevel(level, style)} ${style.bold(message)}${rest.length ? `  ${rest.join(" ")}` : ""}`;
}

/** `--filter`: a plain substring of the raw line, in any case (`error` finds `ERROR`). */
export function matchesFilter(entry: LogEntry, filter: string | undefined): boolean {
  return filter === undefined || filter === "" || entry.text.toLowerCase().includes(filter.toLowerCase());
}
