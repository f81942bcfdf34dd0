/** How long and how often {@link eventually} polls, and what its error adds after the last value. */
export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Context for the error when time runs out, such as what a child process printed. */
  describe?: () => string;
}

/**
 * Polls `read` until `ok` holds and returns that value; throws, naming the last value seen,
 * once `timeoutMs` (default 20 s) has passed. For state another process changes in its own time.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  options: EventuallyOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) {
      const context = options.describe?.() ?? "";
      throw new Error(`not reached in ${timeoutMs} ms; last value: ${JSON.stringify(value)}\n${context}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
}
