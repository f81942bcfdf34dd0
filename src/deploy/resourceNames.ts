/** The logical name at the end of a URN (`urn:pulumi:dev::bavest-signals::aws:kinesis/stream:Stream::signals`). */
export function nameFromUrn(urn: string): string {
  const parts = urn.split("::");
  return parts[parts.length - 1] ?? urn;
}

/** `aws:kinesis/stream:Stream` reads better as `aws:kinesis:Stream`. */
export function shortType(type: string): string {
  const match = /^([^:]+):([^/:]+)\/[^:]*:(.+)$/.exec(type);
  return match ? `${match[1]}:${match[2]}:${match[3]}` : type;
}

/** Resources that exist for the engine's bookkeeping, not the user's: never shown as lines. */
export function isBookkeeping(type: string): boolean {
  return type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:");
}

const VERBS: Record<string, readonly [string, string, string]> = {
  create: ["+", "creating", "created"],
  update: ["~", "updating", "updated"],
  delete: ["-", "deleting", "deleted"],
  replace: ["+-", "replacing", "replaced"],
  "create-replacement": ["++", "creating replacement", "created replacement"],
  "delete-replaced": ["--", "deleting original", "deleted original"],
  refresh: ["~", "refreshing", "refreshed"],
  read: [">", "reading", "read"],
  import: ["=", "importing", "imported"],
  "import-replacement": ["=>", "importing replacement", "imported replacement"],
  discard: ["-", "discarding", "discarded"],
  "discard-replaced": ["-", "discarding original", "discarded original"],
};

/** The symbol, the verb while running and the verb once done, for one operation. */
export function verbsFor(op: string): { symbol: string; running: string; done: string } {
  const [symbol, running, done] = VERBS[op] ?? ["*", op, op];
  return { symbol, running, done };
}

/** `83` -> `1m23s`, `4.2` -> `4s`. */
export function formatSeconds(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole}s`;
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, "0")}s`;
}
