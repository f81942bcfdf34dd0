/**
 * How ingestion spreads a watchlist over invocations: slices small enough for a schedule
 * target's input (EventBridge `Target.Input`, at most 8,192 characters:
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html) and short
 * enough to be fetched within the function's timeout.
 */
export const TARGET_INPUT_LIMIT_BYTES = 8_192;
/** Each EventBridge rule can have up to five targets (PutTargets:
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html). */
export const TARGETS_PER_RULE = 5;
/** Quote requests in flight per invocation (BAVEST_CONCURRENCY's default). */
export const CONCURRENCY = 8;
/** Assumed Bavest round trip per quote when nothing better is known. */
export const DEFAULT_LATENCY_MS = 250;
/** Share of the timeout a slice may plan to use: the rest absorbs retries and PutRecords. */
const TIMEOUT_SHARE = 0.8;

export interface IngestionWorkload {
  symbols: readonly string[];
  /** The Bavest plan's request rate, shared by every invocation of a run. */
  requestsPerSecond: number;
  timeoutSeconds: number;
  latencyMs?: number;
}

/** The schedule input of one slice, exactly as the target passes it. */
export function sliceInput(symbols: readonly string[]): string {
  return JSON.stringify({ symbols });
}

/** Splits the watchlist in order into slices whose input stays within the target limit. */
function slicesBySize(symbols: readonly string[], maxSymbols: number): string[][] {
  const slices: string[][] = [];
  let current: string[] = [];
  let bytes = sliceInput([]).length;
  for (const symbol of symbols) {
    const quoted = Buffer.byteLength(JSON.stringify(symbol));
    const comma = current.length > 0 ? 1 : 0;
    if (comma === 1 && (bytes + comma + quoted > TARGET_INPUT_LIMIT_BYTES || current.length >= maxSymbols)) {
      slices.push(current);
      current = [];
      bytes = sliceInput([]).length;
    }
    bytes += (current.length > 0 ? 1 : 0) + quoted;
    current.push(symbol);
  }
  if (current.length > 0) slices.push(current);
  return slices;
}

/** Seconds one invocation needs for `count` symbols: latency-bound, or bound by its share of the rate. */
export function secondsFor(count: number, rateShare: number, latencyMs: number): number {
  const latencyBound = (count * latencyMs) / 1000 / CONCURRENCY;
  const rateBound = count / rateShare;
  return Math.max(latencyBound, rateBound);
}

export interface IngestionPlan {
  slices: string[][];
  /** Requests per second each invocation may make (the plan's rate split across slices). */
  rateShare: number;
  /** Wall time of a run: the slices run in parallel. */
  secondsPerRun: number;
}

/**
 * Splits into `count` slices of near-equal length (the slices share the rate equally, so the
 * largest one sets the run's time), adding slices while any input would exceed the limit.
 */
function balanced(symbols: readonly string[], count: number): string[][] {
  for (let k = Math.max(1, count); ; k += 1) {
    const size = Math.ceil(symbols.length / k);
    const slices = Array.from({ length: Math.ceil(symbols.length / size) }, (_, i) =>
      symbols.slice(i * size, (i + 1) * size),
    );
    if (slices.every((slice) => Buffer.byteLength(sliceInput(slice)) <= TARGET_INPUT_LIMIT_BYTES))
      return slices;
  }
}

/**
 * Slices the watchlist: as few as the input limit allows, more when one slice could not be
 * fetched at its latency within the timeout (fan-out). Parallel slices share the plan's rate,
 * so fan-out never helps a run bound by the rate: that verdict names the rate or timeout instead.
 */
export function planIngestion(workload: IngestionWorkload): IngestionPlan {
  const latencyMs = workload.latencyMs ?? DEFAULT_LATENCY_MS;
  const budget = workload.timeoutSeconds * TIMEOUT_SHARE;
  const perSliceByLatency = Math.max(1, Math.floor((budget * 1000 * CONCURRENCY) / latencyMs));
  const slices = balanced(workload.symbols, slicesBySize(workload.symbols, perSliceByLatency).length);
  const rateShare = workload.requestsPerSecond / Math.max(1, slices.length);
  const largest = Math.max(0, ...slices.map((slice) => slice.length));
  return { slices, rateShare, secondsPerRun: secondsFor(largest, rateShare, latencyMs) };
}

/** The ingestion plan of a stack's config, as the program deploys it (assumed latency). */
export function planForConfig(config: {
  symbols: readonly string[];
  ingestion: { requestsPerSecond: number };
  functions: { timeoutSeconds: number };
}): IngestionPlan {
  return planIngestion({
    symbols: config.symbols,
    requestsPerSecond: config.ingestion.requestsPerSecond,
    timeoutSeconds: config.functions.timeoutSeconds,
  });
}
