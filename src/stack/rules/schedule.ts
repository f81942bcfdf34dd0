/**
 * The EventBridge schedule grammar, in full: `rate(value unit)` and `cron(six fields)`.
 * Rate: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html
 * Cron: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 */

/** Why an expression is refused: the rule it breaks and a sentence saying how. */
export interface ScheduleProblem {
  rule: string;
  message: string;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Wildcards this field allows besides `,` `-` `*` (EventBridge's table). */
  extra: string;
}

// The table of the cron reference: values and wildcards per field.
const FIELDS: FieldSpec[] = [
  { name: "minutes", min: 0, max: 59, extra: "/" },
  { name: "hours", min: 0, max: 23, extra: "/" },
  { name: "day-of-month", min: 1, max: 31, extra: "?/LW" },
  { name: "month", min: 1, max: 12, names: MONTHS, extra: "/" },
  { name: "day-of-week", min: 1, max: 7, names: WEEKDAYS, extra: "?L#" },
  { name: "year", min: 1970, max: 2199, extra: "/" },
];

const RATE = /^rate\((\S+)\s+(\S+)\)$/;
const RATE_UNITS = ["minute", "minutes", "hour", "hours", "day", "days"];

/** The problem with an EventBridge schedule expression, or undefined when EventBridge accepts it. */
export function scheduleProblem(text: string): ScheduleProblem | undefined {
  const expression = text.trim();
  if (expression.startsWith("rate(")) return rateProblem(expression);
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return cronProblem((cron[1] ?? "").trim());
  return { rule: "eventbridge-schedule-form", message: "must be rate(value unit) or cron(six fields)" };
}

function rateProblem(expression: string): ScheduleProblem | undefined {
  const match = RATE.exec(expression);
  const [value = "", unit = ""] = match ? [match[1], match[2]] : [];
  if (!match || !/^\d+$/.test(value) || Number(value) < 1) {
    return { rule: "eventbridge-rate-value", message: "rate() needs a positive whole number and a unit" };
  }
  if (!RATE_UNITS.includes(unit)) {
    return { rule: "eventbridge-rate-unit", message: `rate() unit must be one of ${RATE_UNITS.join(", ")}` };
  }
  // "If the value is equal to 1, then the unit must be singular ... greater than 1, plural."
  if ((Number(value) === 1) !== !unit.endsWith("s")) {
    return {
      rule: "eventbridge-rate-plural",
      message: "rate() takes a singular unit exactly when the value is 1 (rate(1 minute), rate(5 minutes))",
    };
  }
  return undefined;
}

function cronProblem(body: string): ScheduleProblem | undefined {
  const fields = body.split(/\s+/).filter((part) => part !== "");
  if (fields.length !== 6) {
    return {
      rule: "eventbridge-cron-fields",
      message: `cron() needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
    };
  }
  for (const [index, spec] of FIELDS.entries()) {
    const problem = fieldProblem(fields[index] ?? "", spec);
    if (problem)
      return {
        rule: "eventbridge-cron-field",
        message: `cron() ${spec.name} "${fields[index]}": ${problem}`,
      };
  }
  const [dayOfMonth, dayOfWeek] = [fields[2], fields[4]];
  // "You can't specify the Day-of-month and Day-of-week fields in the same cron expression. If you
  // specify a value or a * in one of the fields, you must use a ? in the other."
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    return {
      rule: "eventbridge-cron-question-mark",
      message: "cron() needs ? in exactly one of day-of-month and day-of-week (e.g. cron(0 * * * ? *))",
    };
  }
  return undefined;
}

/** What is wrong with one cron field, or undefined. */
function fieldProblem(field: string, spec: FieldSpec): string | undefined {
  if (field === "?")
    return spec.extra.includes("?") ? undefined : "? is allowed only in day-of-month and day-of-week";
  const items = field.split(",");
  if (spec.name === "day-of-week" && field.includes("#") && items.length > 1) {
    return "an expression with # must be the only one in day-of-week";
  }
  for (const item of items) {
    const problem = itemProblem(item, spec);
    if (problem) return problem;
  }
  return undefined;
}

function itemProblem(item: string, spec: FieldSpec): string | undefined {
  if (item === "*") return undefined;
  if (spec.extra.includes("L") && (item === "L" || (spec.name === "day-of-month" && item === "LW")))
    return undefined;
  const special = /^(\w+)([LW#])(\d*)$/.exec(item);
  if (special && spec.extra.includes(special[2] ?? "")) return specialProblem(special, spec);
  const [range = "", step, ...rest] = item.split("/");
  if (rest.length > 0) return "at most one /";
  if (step !== undefined && (!spec.extra.includes("/") || !/^\d+$/.test(step) || Number(step) < 1)) {
    return spec.extra.includes("/")
      ? "the increment after / must be a positive number"
      : "/ is not allowed here";
  }
  if (range === "*") return undefined;
  const bounds = range.split("-");
  if (bounds.length > 2 || bounds.some((bound) => fieldValue(bound, spec) === undefined)) {
    return `values must be ${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names.at(-1)}` : ""}`;
  }
  return undefined;
}

function specialProblem(match: RegExpExecArray, spec: FieldSpec): string | undefined {
  const [, value = "", wildcard, after = ""] = match;
  if (fieldValue(value, spec) === undefined) return `values must be ${spec.min}-${spec.max}`;
  if (wildcard === "#") {
    return /^[1-5]$/.test(after) ? undefined : "# needs the week of the month, 1-5 (e.g. 3#2)";
  }
  return after === "" ? undefined : `nothing may follow ${wildcard}`;
}

function fieldValue(text: string, spec: FieldSpec): number | undefined {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + spec.min;
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= spec.min && value <= spec.max ? value : undefined;
}

/** How many times a cron minutes or hours field fires in its range. */
function firingsIn(field: string, range: number): number {
  if (field === "*") return range;
  const step = /^(\*|\d+)\/(\d+)$/.exec(field);
  if (step) return Math.max(1, Math.ceil((range - Number(step[1] === "*" ? 0 : step[1])) / Number(step[2])));
  return field.split(",").reduce((total, part) => {
    const span = /^(\d+)-(\d+)$/.exec(part);
    return total + (span ? Number(span[2]) - Number(span[1]) + 1 : 1);
  }, 0);
}

/**
 * Seconds between two runs of a valid schedule: exact for rate(), the day's average for cron()
 * (its minutes and hours fields; a cron restricted to some days counts every day).
 */
export function scheduleIntervalSeconds(expression: string): number {
  const text = expression.trim();
  const rate = RATE.exec(text);
  if (rate) {
    const unit = (rate[2] ?? "").startsWith("minute")
      ? 60
      : (rate[2] ?? "").startsWith("hour")
        ? 3600
        : 86_400;
    return Number(rate[1]) * unit;
  }
  const [minutes = "0", hours = "*"] = (/^cron\((.*)\)$/.exec(text)?.[1] ?? "").trim().split(/\s+/);
  return 86_400 / Math.max(1, firingsIn(minutes, 60) * firingsIn(hours, 24));
}
