import { z } from "zod";
import { QUOTE_CURRENCIES, type QuoteCurrency } from "../core/ingestionModel.js";
import { scheduleProblem } from "./rules/schedule.js";

export type { QuoteCurrency } from "../core/ingestionModel.js";

/**
 * A value that does not fit its setting. `allowed` describes what would fit, so callers can
 * name the setting (a Pulumi config key, a flag) around it.
 */
export class InvalidValueError extends Error {
  readonly allowed: string;
  constructor(allowed: string) {
    super(`must be ${allowed}`);
    this.name = "InvalidValueError";
    this.allowed = allowed;
  }
}

/** A parser from the text form of a setting to its typed value; throws InvalidValueError. */
export type ValueParser<T> = (text: string) => T;

/** A whole number within [min, max], written in decimal digits. */
export function wholeNumber(min: number, max: number): ValueParser<number> {
  const schema = z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
  return fromSchema(schema, `a whole number from ${min} to ${max}`);
}

/** A decimal number greater than zero. */
export const positiveNumber: ValueParser<number> = fromSchema(
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number)
    .pipe(z.number().positive()),
  "a number greater than 0",
);

/** One of a fixed list of words. */
export function oneOf<const T extends string>(choices: readonly T[]): ValueParser<T> {
  return fromSchema(z.enum(choices as [T, ...T[]]), `one of ${choices.join(", ")}`);
}

/** `true` or `false` (also `yes`/`no`, `on`/`off`, `1`/`0`). */
export const booleanValue: ValueParser<boolean> = (text) => {
  const word = text.trim().toLowerCase();
  if (["true", "yes", "on", "1"].includes(word)) return true;
  if (["false", "no", "off", "0"].includes(word)) return false;
  throw new InvalidValueError("true or false");
};

/** A value matching `pattern`, described to the user as `allowed`. */
export function matching(pattern: RegExp, allowed: string): ValueParser<string> {
  return fromSchema(z.string().trim().regex(pattern), allowed);
}

/** The symbol rule of the record envelope: trimmed, upper-cased, 1-24 of `A-Z 0-9 . - ^ = _`. */
export const SYMBOL_PATTERN = /^[A-Z0-9.\-^=_]{1,24}$/;
/** The watchlist travels in schedule-target inputs, not the environment: 10,000 fit (`plan` checks the rest). */
export const MAX_WATCHLIST_SYMBOLS = 10_000;

/** A comma-separated watchlist: normalised, de-duplicated, order kept. */
export const parseSymbols: ValueParser<string[]> = (text) => {
  const allowed = `a comma-separated list of 1 to ${MAX_WATCHLIST_SYMBOLS} symbols of 1-24 characters A-Z 0-9 . - ^ = _ (e.g. AAPL,MSFT,BMW.DE)`;
  const symbols = text
    .split(",")
    .map((part) => part.trim().toUpperCase())
    .filter((part) => part !== "");
  if (symbols.length === 0 || !symbols.every((symbol) => SYMBOL_PATTERN.test(symbol))) {
    throw new InvalidValueError(allowed);
  }
  const unique = [...new Set(symbols)];
  if (unique.length > MAX_WATCHLIST_SYMBOLS) throw new InvalidValueError(allowed);
  return unique;
};

/**
 * An EventBridge schedule in the full grammar (src/stack/rules/schedule.ts): `rate(1 minute)`,
 * `rate(5 minutes)`, or `cron(min hour day-of-month month day-of-week year)` with `?` in
 * exactly one of the two day fields. The error names the rule broken.
 */
export const parseScheduleExpression: ValueParser<string> = (text) => {
  const expression = text.trim();
  const problem = scheduleProblem(expression);
  if (problem === undefined) return expression;
  throw new InvalidValueError(
    `rate(value unit) or cron(6 fields) as EventBridge accepts it, e.g. "rate(5 minutes)" or "cron(0/15 * * * ? *)": ${problem.message} [rule ${problem.rule}]`,
  );
};

const NODE_SIZES: Record<string, readonly string[]> = {
  t3: ["micro", "small", "medium"],
  t4g: ["micro", "small", "medium"],
  m6g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
  m7g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
  r6g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
  r7g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
};

/** ElastiCache node types that run Redis 7 with in-transit encryption. */
export const NODE_TYPES: readonly string[] = Object.entries(NODE_SIZES).flatMap(([family, sizes]) =>
  sizes.map((size) => `cache.${family}.${size}`),
);

export const parseNodeType: ValueParser<string> = (text) => {
  const nodeType = text.trim();
  if (NODE_TYPES.includes(nodeType)) return nodeType;
  throw new InvalidValueError(
    `a node type of cache.t3, cache.t4g, cache.m6g, cache.m7g, cache.r6g or cache.r7g (e.g. cache.t3.micro)`,
  );
};

/** Shards of one provisioned stream; the account-wide quota per region is a rule (src/stack/rules). */
export const parseShardCount: ValueParser<number> = wholeNumber(1, 500);

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const parseLogRetentionDays: ValueParser<number> = (text) => {
  const days = Number(text.trim());
  if ((LOG_RETENTION_DAYS as readonly number[]).includes(days)) return days;
  throw new InvalidValueError(`one of ${LOG_RETENTION_DAYS.join(", ")} (days)`);
};

/**
 * ElastiCache AUTH tokens: 16-128 printable ASCII characters whose only non-alphanumeric ones
 * are ! & # $ ^ < > - (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html).
 * Only a stack that still carries a token from before IAM authentication has one.
 */
export const REDIS_AUTH_TOKEN_PATTERN = /^[A-Za-z0-9!&#$^<>-]{16,128}$/;

export const parseRedisAuthToken: ValueParser<string> = matching(
  REDIS_AUTH_TOKEN_PATTERN,
  "16 to 128 characters: letters, digits and only the specials ! & # $ ^ < > -",
);

export const parseEmail: ValueParser<string> = matching(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "an email address");

export const parseHttpUrl: ValueParser<string> = (text) => {
  const allowed = "an http(s) URL such as https://api.bavest.co/v0";
  try {
    const url = new URL(text.trim());
    if (url.protocol === "https:" || url.protocol === "http:") return text.trim();
  } catch {
    // falls through to the error below
  }
  throw new InvalidValueError(allowed);
};

/** An ISO 4217 code of QUOTE_CURRENCIES, upper-cased. */
export const parseCurrency: ValueParser<QuoteCurrency> = (text) => {
  const code = text.trim().toUpperCase();
  if ((QUOTE_CURRENCIES as readonly string[]).includes(code)) return code as QuoteCurrency;
  throw new InvalidValueError(`an ISO 4217 currency code of ${QUOTE_CURRENCIES.join(", ")}`);
};

export const parseRegion: ValueParser<string> = matching(
  /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/,
  "an AWS region such as us-east-1 or eu-central-1",
);

/** A comma-separated list of ids matching `pattern`. */
export function idList(pattern: RegExp, allowed: string): ValueParser<string[]> {
  return (text) => {
    const ids = text
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "");
    if (ids.length > 0 && ids.every((id) => pattern.test(id))) return ids;
    throw new InvalidValueError(allowed);
  };
}

function fromSchema<T>(schema: z.ZodType<T, string>, allowed: string): ValueParser<T> {
  return (text) => {
    const result = schema.safeParse(text);
    if (result.success) return result.data;
    throw new InvalidValueError(allowed);
  };
}
