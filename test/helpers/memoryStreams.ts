import { PassThrough } from "node:stream";

/** A stdout and a stderr that keep what is written to them, for asserting what was printed. */
export function memoryStreams(): {
  stdout: PassThrough;
  stderr: PassThrough;
  out: () => string;
  err: () => string;
} {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += chunk));
  stderr.on("data", (chunk) => (err += chunk));
  return { stdout, stderr, out: () => out, err: () => err };
}
