import { BAVEST_API_VERSIONS, type BavestApiVersion } from "../../core/ingestionModel.js";
import { fetchQuote } from "./bavestClient.js";

/** What one API version answered to one quote request. */
export interface VersionAnswer {
  version: BavestApiVersion;
  ok: boolean;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** Why it did not answer with a quote. */
  reason?: string;
  /** The currency the quote came in, when it did. */
  currency?: string;
}

export interface ApiVersionProbe {
  /** The versions that answered the key with a quote, v0 first. */
  answered: BavestApiVersion[];
  answers: VersionAnswer[];
}

export interface ProbeOptions {
  /** The symbol asked for (AAPL). */
  symbol?: string;
  timeoutMs?: number;
}

/**
 * Asks every API version ingestion speaks for one quote with this key, once each (no retries):
 * which version the key answers, and why the others did not. `baseUrl` is BAVEST_API_URL (its
 * version segment, if any, is replaced per version). Never throws; 2 requests of the plan.
 */
export async function probeApiVersion(
  baseUrl: string,
  key: string,
  fetchImpl: typeof fetch = fetch,
  options: ProbeOptions = {},
): Promise<ApiVersionProbe> {
  const answers = await Promise.all(
    BAVEST_API_VERSIONS.map(async (version): Promise<VersionAnswer> => {
      const result = await fetchQuote(options.symbol ?? "AAPL", {
        apiUrl: baseUrl,
        apiKey: key,
        apiVersion: version,
        timeoutMs: options.timeoutMs ?? 10_000,
        maxAttempts: 1,
        backoff: { baseMs: 0, capMs: 0 },
        maxRetryAfterMs: 0,
        fetch: fetchImpl,
      });
      if (result.ok) {
        const currency = typeof result.quote.currency === "string" ? result.quote.currency : undefined;
        return { version, ok: true, ...(currency ? { currency } : {}) };
      }
      return {
        version,
        ok: false,
        reason: result.reason,
        ...(result.status ? { status: result.status } : {}),
      };
    }),
  );
  return { answered: answers.filter((answer) => answer.ok).map((answer) => answer.version), answers };
}
