import { PassThrough, Writable } from "node:stream";
import { createOutput, type Output } from "../../src/lib/output.js";

/**
 * The output fakes of every test: streams and Outputs that keep what is written to them, for
 * asserting what was printed.
 */

/** A stdout and a stderr that keep what is written to them (readable streams, as a child's are). */
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

/** A Writable that keeps what is written, at once (never a TTY). */
export function textSink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

export interface MemoryOutput {
  output: Output;
  stdout: () => string;
  stderr: () => string;
}

/** An Output whose stdout and stderr are kept as text, never a TTY. */
export function memoryOutput(options: { json?: boolean } = {}): MemoryOutput {
  const out = textSink();
  const err = textSink();
  const output = createOutput({ json: options.json, stdout: out.stream, stderr: err.stream, env: {} });
  return { output, stdout: out.text, stderr: err.text };
}
