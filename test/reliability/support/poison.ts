import { envelopeFactory } from "../../helpers/factories.js";

/** One record that must be quarantined (docs/contracts.md section 4), with the kind it stands for. */
export interface PoisonRecord {
  kind: string;
  partitionKey: string;
  data: Buffer;
  /** A fragment of the reason `bavest:rejected` must give. */
  reason: RegExp;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8");
const good = envelopeFactory("POISON");
const { fetchedAt: _fetchedAt, ...withoutFetchedAt } = good;

/** Every kind of poison record, each a different way of being unusable. */
export const POISON_RECORDS: readonly PoisonRecord[] = [
  { kind: "binary, not UTF-8", data: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0xc3]), reason: /not valid UTF-8/ },
  { kind: "empty data", data: Buffer.alloc(0), reason: /not JSON/ },
  {
    kind: "truncated JSON",
    data: Buffer.from('{"schemaVersion":1,"symbol":"AAPL","quote":{'),
    reason: /not JSON/,
  },
  {
    kind: "an HTML page",
    data: Buffer.from("<html><body>502 Bad Gateway</body></html>"),
    reason: /not JSON/,
  },
  { kind: "a JSON array", data: json([good]), reason: /not a JSON object/ },
  { kind: "a JSON string", data: json("AAPL"), reason: /not a JSON object/ },
  { kind: "JSON null", data: json(null), reason: /not a JSON object/ },
  {
    kind: "schemaVersion 2",
    data: json({ ...good, schemaVersion: 2 }),
    reason: /schemaVersion 2 is unknown/,
  },
  { kind: 'schemaVersion "1"', data: json({ ...good, schemaVersion: "1" }), reason: /schemaVersion "1"/ },
  {
    kind: "nested 5,000 levels deep",
    data: Buffer.from(`${"[".repeat(5000)}${"]".repeat(5000)}`),
    reason: /nests more than/,
  },
  {
    kind: "quote.t in milliseconds",
    data: json({ ...good, quote: { ...(good.quote as object), t: Date.now() } }),
    reason: /more than 24 hours ahead/,
  },
  { kind: "symbol missing", data: json({ ...good, symbol: undefined }), reason: /symbol is missing/ },
  { kind: "symbol with spaces", data: json({ ...good, symbol: "NOT A SYMBOL" }), reason: /symbol "NOT A/ },
  { kind: "symbol too long", data: json({ ...good, symbol: "A".repeat(25) }), reason: /1-24 characters/ },
  { kind: "symbol a number", data: json({ ...good, symbol: 42 }), reason: /symbol 42/ },
  { kind: "quote missing", data: json({ ...good, quote: undefined }), reason: /quote of POISON/ },
  { kind: "quote an array", data: json({ ...good, quote: [1, 2] }), reason: /quote of POISON/ },
  { kind: "quote a string", data: json({ ...good, quote: "189.84" }), reason: /quote of POISON/ },
  {
    kind: "no timestamp",
    data: json({ ...withoutFetchedAt, quote: { ...good.quote, t: 0 } }),
    reason: /no timestamp/,
  },
  { kind: "fetchedAt not a time", data: json({ ...good, fetchedAt: "yesterday" }), reason: /ISO 8601/ },
].map((record) => ({ ...record, partitionKey: "POISON" }));

/** Valid envelopes whose numbers are unusable: they become `insufficient_data` Signals, not rejections. */
export function unusableNumbers(symbol: string, t: number) {
  return envelopeFactory(symbol, { t, c: "n/a", metrics: { eps: null, "pe/ratio": "abc" } });
}
