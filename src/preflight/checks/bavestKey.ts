import type { PreflightCheck } from "../types.js";

/**
 * The configured Bavest key works (one quote request, 5 s at most), and the request rate the
 * stack is configured for is not above the one the API announces, where it announces one.
 */
export const bavestKeyCheck: PreflightCheck = {
  id: "bavest-key",
  actions: [],
  // Bavest publishes no public reference for keys or plan limits; the rate it
  // announces is read from the IETF RateLimit-Policy header.
  doc: "https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/",
  async run(context) {
    const configure = `bavest-signals configure --stack ${context.stack}`;
    if (!context.bavestApiKey) {
      return { ok: false, detail: "the stack has no Bavest API key", fix: `Run: ${configure}` };
    }
    const { apiUrl, symbols, ingestion } = context.config;
    const answer = await context.probeBavest(apiUrl, context.bavestApiKey, symbols[0] ?? "AAPL");
    if (!answer.ok) {
      return {
        ok: false,
        detail: `a quote request to ${apiUrl} failed: ${answer.reason}`,
        fix:
          answer.status === 401 || answer.status === 403
            ? `Set a valid key: ${configure} (it asks for the key)`
            : `Check that ${apiUrl} is reachable, or set another URL: ${configure} --api-url <url>`,
      };
    }
    const limit = answer.requestsPerSecondLimit;
    const configured = ingestion.requestsPerSecond;
    if (limit !== undefined && configured > limit) {
      return {
        ok: false,
        detail: `the key works, but the stack sends ${configured} requests/s and the API allows ${limit}`,
        fix: `Lower the rate to the plan's: ${configure} --bavest-requests-per-second ${limit}`,
      };
    }
    const announced =
      limit === undefined ? "the API announces no rate limit" : `the API allows ${limit} requests/s`;
    return {
      ok: true,
      detail: `the key works (HTTP ${answer.status}); ${configured} requests/s configured, ${announced}`,
    };
  },
};
