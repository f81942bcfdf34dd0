import { appendFileSync } from "node:fs";

let target;
export function initialize(data) {
  target = data.target;
}
export async function resolve(specifier, context, nextResolve) {
  appendFileSync(target, `${specifier}\n`);
  return nextResolve(specifier, context);
}
