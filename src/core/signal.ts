/** Where a P/E came from: computed as price / eps, or the provider's own `pe/ratio`. */
export type PeSource = "computed" | "provider";

export type Category =
  | "undervalued"
  | "fair_value"
  | "growth_stock"
  | "expensive"
  | "highly_speculative"
  | "negative_earnings"
  | "insufficient_data";

export type SignalAction = "buy" | "hold" | "sell" | "avoid" | "unknown";

/** The result of analysing one record (docs/contracts.md section 2), stored in Redis as JSON. */
export interface Signal {
  symbol: string;
  observedAt: string;
  price: number | null;
  eps: number | null;
  peRatio: number | null;
  peSource: PeSource | null;
  /**
   * Bavest's own `metrics["pe/ratio"]` when the P/E was computed as price / EPS and the two
   * differ by more than 1% (a currency or EPS mismatch); absent otherwise, so Signals stored
   * before it existed read the same. docs/contracts.md section 2 allows added fields.
   */
  providerPeRatio?: number;
  earningsYield: number | null;
  category: Category;
  signal: SignalAction;
  currency: string | null;
  ingestedAt: string;
  processedAt: string;
  sequenceNumber: string;
}

/**
 * Upper bounds (exclusive) of the P/E bands. A P/E below `undervaluedBelow` is undervalued,
 * below `fairValueBelow` fair value, and so on; `buyBelow` / `holdBelow` pick the signal.
 */
export interface Thresholds {
  undervaluedBelow: number;
  fairValueBelow: number;
  growthBelow: number;
  expensiveBelow: number;
  buyBelow: number;
  holdBelow: number;
}

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  undervaluedBelow: 10,
  fairValueBelow: 15,
  growthBelow: 25,
  expensiveBelow: 50,
  buyBelow: 15,
  holdBelow: 25,
});
