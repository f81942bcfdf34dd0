import { afterEach } from "vitest";

/**
 * What a test started, stopped after it (passed or failed), newest first: `own(value, stop)`
 * records the stop and hands the value back, so a test keeps a plain `const`.
 */
export function stopAfterEach(): <T>(value: T, stop: (value: T) => unknown) => T {
  const stops: Array<() => unknown> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });
  return (value, stop) => {
    stops.push(() => stop(value));
    return value;
  };
}
