import { Chalk, type ChalkInstance } from "chalk";

/** A chalk instance that colours only when the output is allowed to be fancy. */
export function createStyle(fancy: boolean): ChalkInstance {
  return new Chalk({ level: fancy ? 1 : 0 });
}
