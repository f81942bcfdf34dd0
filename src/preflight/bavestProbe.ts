import { quoteUrl } from "../lambdas/ingestion/bavestClient.js";

/** How long the key check waits for Bavest. */
export const BAVEST_PROBE_TIMEOUT_MS = 5_000;

/** What one quote request with the configured key said. */
export type BavestProbeResult =
  | { ok: true; status: number; requestsPerSecondLimit?: number }
  | { ok: false; status?: number; reason: string };

/** One quote request: swap it for another API version by passing another function. */
export type BavestProbe = (baseUrl: string, apiKey: string, symbol: string) => Promise<BavestProbeResult>;

/**
 * The request rate a `RateLimit-Policy` header announces (`10;w=1`, or `"default";q=10;w=1` in
 * later drafts: https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/), per
 * second; undefined when the API says nothing.
 */
export function announcedRequestsPerSecond(headers: Headers): number | undefined {
  const policy = headers.get("ratelimit-policy");
  if (!policy) return undefined;
  const quota = /(?:^|[;,\s])q=(\d+(?:\.\d+)?)/.exec(policy)?.[1] ?? /^\s*(\d+(?:\.\d+)?)/.exec(policy)?.[1];
  const window = /(?:^|;)\s*w=(\d+(?:\.\d+)?)/.exec(policy)?.[1] ?? "1";
  const requests = Number(quota);
  const seconds = Number(window);
  return Number.isFinite(requests) && seconds > 0 ? requests / seconds : undefined;
}

/**
 * `POST {base}/quote` with the key, as the ingestion function sends it (src/lambdas/ingestion/bavestClient.ts), one try,
 * `timeoutMs` at most.
 */
export function bavestQuoteProbe(options: { fetch?: typeof fetch; timeoutMs?: number } = {}): BavestProbe {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? BAVEST_PROBE_TIMEOUT_MS;
  return async (baseUrl, apiKey, symbol) => {
    let response: Response;
    try {
      response = await doFetch(quoteUrl(baseUrl), {
        method: "POST",
        headers: { "x-api-key": apiKey, "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ symbol }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      const reason =
        name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : (error as Error).message;
      return { ok: false, reason };
    }
    await response.body?.cancel();
    if (response.ok) {
      const limit = announcedRequestsPerSecond(response.headers);
      return {
        ok: true,
        status: response.status,
        ...(limit === undefined ? {} : { requestsPerSecondLimit: limit }),
      };
    }
    const reason =
      response.status === 401 || response.status === 403 ? "the key was refused" : `HTTP ${response.status}`;
    return { ok: false, status: response.status, reason };
  };
}
