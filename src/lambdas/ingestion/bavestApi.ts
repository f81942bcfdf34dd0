import type { BavestApiVersion } from "../../core/ingestionModel.js";

/** One Bavest endpoint ingestion calls, and where we learnt it. */
export interface EndpointSpec {
  method: "GET" | "POST";
  /** The path after the API root (`https://api.bavest.co`). */
  path: string;
  /** How the symbol and currency travel. */
  params: string;
  /** Where the path, method and parameters come from. */
  source: string;
  /** True when Bavest's own material (SDKs, docs.bavest.co) shows it; false when only others do. */
  confirmedByBavest: boolean;
}

/**
 * Every Bavest path ingestion uses, per API version, with its source. v0 is what Bavest's SDKs
 * call. v2's base path, GET-with-query-string and `{"data": ...}` wrapping are in Bavest's
 * changelog (https://docs.bavest.co/changelog), but its quote and metrics paths are shown only
 * by a third-party connector (StockSharp/Connectors, Bavest/Native/BavestRestClient.cs and
 * Bavest/BavestExtensions.cs): README "Bavest API versions" says so too.
 */
export const BAVEST_ENDPOINTS = {
  v0: {
    quote: {
      method: "POST",
      path: "/v0/quote",
      params: 'JSON body {"symbol", "currency"}',
      source:
        "Bavest/python-sdk bavest/finance/client/urls.py quote_url and bavest_client.py quote(symbol, currency); Bavest/dart-sdk lib/client/bavest_rest_client.dart quote()",
      confirmedByBavest: true,
    },
    status: {
      method: "GET",
      path: "/v0/status",
      params: "none",
      source: "Bavest/python-sdk bavest/finance/client/urls.py api_status",
      confirmedByBavest: true,
    },
  },
  v2: {
    quote: {
      method: "GET",
      path: "/v2/timeseries/quote",
      params: "query ?symbol=&currency=",
      source: "StockSharp/Connectors Bavest/Native/BavestRestClient.cs GetQuote",
      confirmedByBavest: false,
    },
    metrics: {
      method: "GET",
      path: "/v2/equities/metrics",
      params: "query ?symbol=&currency=",
      source: "StockSharp/Connectors Bavest/BavestExtensions.cs ToResource(EquityMetrics)",
      confirmedByBavest: false,
    },
    status: {
      method: "GET",
      path: "/v2/account/status",
      params: "none",
      source: "https://docs.bavest.co/changelog (/status moved to /account/status)",
      confirmedByBavest: true,
    },
  },
} as const satisfies Record<BavestApiVersion, Record<string, EndpointSpec>>;

/**
 * The v2 quote's fields and the v0 field each maps to. camelCase and the `{"data": ...}`
 * wrapper are in Bavest's changelog; these names are from StockSharp/Connectors
 * Bavest/Native/BavestModels.cs (BavestQuote), not from Bavest.
 */
export const V2_QUOTE_FIELDS = {
  currentPrice: "c",
  change: "d",
  changePercent: "dp",
  high: "h",
  low: "l",
  open: "o",
  previousClose: "pc",
  timestamp: "t",
  volume: "v",
  currency: "currency",
} as const;

/**
 * Where EPS may sit in a v2 metrics answer. Bavest's changelog says the 108-field v0 metrics
 * became "typed arrays" without naming them, so these names are a guess that the stand-in and
 * the tests pin down: confirm them against a real answer (`doctor --online` shows one).
 */
export const V2_EPS_FIELDS = ["eps", "epsTTM", "epsTtm", "ttmEps", "earningsPerShare"] as const;

/**
 * The root an API version's paths hang off: a base ending in a version (`/v0`, `/v2`) loses
 * it, so `BAVEST_API_URL=https://api.bavest.co/v2` with v0 still calls `/v0/quote`. A base
 * without a version (a proxy that routes to one) is used as it is, without the version segment.
 */
export function endpointUrl(apiUrl: string, version: BavestApiVersion, spec: EndpointSpec): string {
  const base = apiUrl.replace(/\/+$/, "");
  const versioned = /\/v\d+$/.test(base);
  const root = base.replace(/\/v\d+$/, "");
  const path = versioned ? spec.path : spec.path.replace(new RegExp(`^/${version}`), "");
  return `${root}${path}`;
}

/** `{base}/quote` on v0 without a double slash when the base ends in "/". */
export function quoteUrl(apiUrl: string): string {
  return endpointUrl(apiUrl, "v0", BAVEST_ENDPOINTS.v0.quote);
}
