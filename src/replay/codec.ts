import { encodeEnvelope, parseEnvelope } from "../core/envelope.js";
import type { EnvelopeCodec } from "./validate.js";

/** Fixture rules (docs/contracts.md section 1): `schemaVersion` may be left out, `source` defaults to `fixture`. */
export const fixtureEnvelopeCodec: EnvelopeCodec = {
  parse(value) {
    const result = parseEnvelope(value, { fixture: true });
    if (!result.ok) return result;
    return { ok: true, symbol: result.envelope.symbol, data: encodeEnvelope(result.envelope) };
  },
};
