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
export const TIMEOUT_SHARE = 0.8;
/** The Bavest API versions ingestion speaks (`bavest-signals:apiVersion`). */
export const BAVEST_API_VERSIONS = ["v0", "v2"] as const;
export type BavestApiVersion = (typeof BAVEST_API_VERSIONS)[number];

// biome-ignore format: a list of codes reads best in rows
/**
 * The currencies a quote may be asked in (`bavest-signals:currency`). Bavest publishes no list;
 * it answers in EUR unless told otherwise (its Python SDK defaults `currency="EUR"`), so these
 * are the ISO 4217 codes it can plausibly convert to: the euro and the currencies of the ECB's
 * euro foreign exchange reference rates
 * (https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html).
 */
export const QUOTE_CURRENCIES = [
  "EUR", "USD", "JPY", "BGN", "CZK", "DKK", "GBP", "HUF", "PLN", "RON", "SEK", "CHF", "ISK", "NOK",
  "TRY", "AUD", "BRL", "CAD", "CNY", "HKD", "IDR", "ILS", "INR", "KRW", "MXN", "MYR", "NZD", "PHP",
  "SGD", "THB", "ZAR",
] as const;

export type QuoteCurrency = (typeof QUOTE_CURRENCIES)[number];

/** The currency ingestion asks for unless told otherwise (our fixtures and stand-in speak USD). */
export const DEFAULT_CURRENCY: QuoteCurrency = "USD";
/** The API version unless told otherwise: v0, as the seed. */
export const DEFAULT_API_VERSION: BavestApiVersion = "v0";
/**
 * One Bavest request's timeout unless told otherwise. Bavest's SDKs allow 25-30 s; 10 s lets a
 * slow answer through while a retried one still fits the default 60 s function's share.
 */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 10;

export interface IngestionWorkload {
  symbols: readonly string[];
  /** The Bavest plan's request rate, shared by every invocation of a run. */
  requestsPerSecond: number;
  timeoutSeconds: number;
  /**
   * The per-request timeout: the last request a slice starts may take this long, so a slice
   * plans its requests within the timeout's share minus this (the handler stops starting
   * requests at the same point).
   */
  requestTimeoutSeconds?: number;
  /** Requests per symbol: 1 on v0 (the quote carries its metrics), 2 on v2 (quote, then EPS). */
  requestsPerSymbol?: number;
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
  // A symbol that needs two requests costs what two one-request symbols cost.
  const latencyMs = (workload.latencyMs ?? DEFAULT_LATENCY_MS) * (workload.requestsPerSymbol ?? 1);
  const rateUnits = workload.requestsPerSymbol ?? 1;
  const budget = startBudgetSeconds(workload.timeoutSeconds, workload.requestTimeoutSeconds ?? 0);
  const perSliceByLatency = Math.max(1, Math.floor((budget * 1000 * CONCURRENCY) / latencyMs));
  const slices = balanced(workload.symbols, slicesBySize(workload.symbols, perSliceByLatency).length);
  const rateShare = workload.requestsPerSecond / Math.max(1, slices.length);
  const largest = Math.max(0, ...slices.map((slice) => slice.length));
  return { slices, rateShare, secondsPerRun: secondsFor(largest, rateShare / rateUnits, latencyMs) };
}

/**
 * Seconds of an invocation during which requests may start: the timeout's share, less one
 * request timeout (at least a second, so a tiny timeout still plans something).
 */
export function startBudgetSeconds(timeoutSeconds: number, requestTimeoutSeconds: number): number {
  return Math.max(1, timeoutSeconds * TIMEOUT_SHARE - requestTimeoutSeconds);
}

/** Requests one symbol costs: v2's quote carries no metrics, so its EPS is a second call. */
export function requestsPerSymbol(version: BavestApiVersion | undefined): number {
  return version === "v2" ? 2 : 1;
}

/** The ingestion plan of a stack's config, as the program deploys it (assumed latency). */
export function planForConfig(config: {
  symbols: readonly string[];
  ingestion: { requestsPerSecond: number; requestTimeoutSeconds?: number; apiVersion?: BavestApiVersion };
  functions: { timeoutSeconds: number };
}): IngestionPlan {
  return planIngestion({
    symbols: config.symbols,
    requestsPerSecond: config.ingestion.requestsPerSecond,
    timeoutSeconds: config.functions.timeoutSeconds,
    requestTimeoutSeconds: config.ingestion.requestTimeoutSeconds,
    requestsPerSymbol: requestsPerSymbol(config.ingestion.apiVersion),
  });
}
