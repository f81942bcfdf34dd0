import { EventEmitter } from "node:events";
import { Writable } from "node:stream";
import { createOutput, type Output } from "../../../src/lib/output.js";

/** An Output whose stdout and stderr are captured as text, never a TTY. */
export function capturedOutput(options: { json?: boolean } = {}): {
  output: Output;
  stdout: () => string;
  stderr: () => string;
} {
  let out = "";
  let err = "";
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const output = createOutput({
    json: options.json,
    stdout: sink((text) => (out += text)),
    stderr: sink((text) => (err += text)),
    env: {},
  });
  return { output, stdout: () => out, stderr: () => err };
}

/** A stand-in for `process` as a source of Ctrl-C. */
export class FakeSignals extends EventEmitter {
  press(): void {
    this.emit("SIGINT");
  }
}
