import type { RedisKeys } from "../core/redisKeys.js";
import type { Thresholds } from "../core/signal.js";
import { normalizeSymbol } from "../core/symbol.js";
import { readChanges } from "../inspect/changes.js";
import { readRejected, readSymbolView, readTrackedSymbols } from "../inspect/read.js";
import { errorMessage } from "../lib/errors.js";
import type { StatusReport } from "../status/types.js";
import type { RedisLink } from "./redisLink.js";

/** An API answer: a status code and a JSON body. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface ConsoleApiOptions {
  keys: RedisKeys;
  reader: RedisLink;
  /** For the page's header: `the local pipeline`, `stack "prod" (...)`. */
  target: string;
  thresholds: Thresholds;
  /** The same check `status --json` prints. */
  checkHealth: () => Promise<StatusReport>;
}

/** A symbol page's history: 7 days of observations every 5 minutes, and room to spare. */
export const HISTORY_POINTS = 5_000;
const CHANGES_PER_SYMBOL = 20;
const REJECTED_SHOWN = 200;

/**
 * The console's read-only JSON API over the same reads as `inspect` and `status`. Every route
 * is a GET; none writes to Redis. Redis out of reach is a 503 naming the target.
 */
export function consoleApi(options: ConsoleApiOptions) {
  const { keys, reader } = options;
  const unreachable = (error: unknown): ApiAnswer => ({
    status: 503,
    body: { error: `Cannot read the Redis of ${options.target}: ${errorMessage(error)}` },
  });
  const routes: Record<string, (query: URLSearchParams) => Promise<ApiAnswer>> = {
    "/api/overview": async () => {
      const tracked = await readTrackedSymbols(await reader.client(), keys);
      return { status: 200, body: { target: options.target, thresholds: options.thresholds, tracked } };
    },
    "/api/symbol": async (query) => {
      const given = query.get("symbol") ?? "";
      const symbol = normalizeSymbol(given);
      if (symbol === null) return { status: 400, body: { error: `"${given}" is not a symbol` } };
      const redis = await reader.client();
      const [view, changes] = await Promise.all([
        readSymbolView(redis, keys, symbol, HISTORY_POINTS),
        readChanges(redis, keys, CHANGES_PER_SYMBOL, symbol),
      ]);
      if (view.latest === null && view.history.length === 0) {
        return { status: 404, body: { error: `${symbol} is not tracked` } };
      }
      return { status: 200, body: { ...view, changes, thresholds: options.thresholds } };
    },
    "/api/rejected": async () => ({
      status: 200,
      body: { rejected: await readRejected(await reader.client(), keys, REJECTED_SHOWN) },
    }),
    "/api/health": () =>
      options.checkHealth().then(
        (report) => ({ status: 200, body: report }),
        (error: unknown) => ({
          status: 503,
          body: { error: `status of ${options.target}: ${errorMessage(error)}` },
        }),
      ),
  };
  return {
    /** The answer for `path`, or undefined when no route has that path. */
    async answer(path: string, query: URLSearchParams): Promise<ApiAnswer | undefined> {
      const route = routes[path];
      if (route === undefined) return undefined;
      return route(query).catch(unreachable);
    },
  };
}

export type ConsoleApi = ReturnType<typeof consoleApi>;
