/** The logging calls the handlers make; Powertools' Logger fits, and so does `jsonConsoleLogger`. */
export interface LambdaLogger {
  info(message: string, ...extra: unknown[]): void;
  warn(message: string, ...extra: unknown[]): void;
  error(message: string, ...extra: unknown[]): void;
}

function line(level: string, message: string, extra: unknown[]): string {
  return JSON.stringify({
    level,
    message,
    ...Object.assign({}, ...extra),
    timestamp: new Date().toISOString(),
  });
}

/** Structured JSON lines on the console, for handlers built without a logger. */
export const jsonConsoleLogger: LambdaLogger = {
  info: (message, ...extra) => console.info(line("INFO", message, extra)),
  warn: (message, ...extra) => console.warn(line("WARN", message, extra)),
  error: (message, ...extra) => console.error(line("ERROR", message, extra)),
};

/** The error text the logs carry: the CLI's own helper, so both say the same. */
export { errorMessage as errorText } from "../../lib/errors.js";
