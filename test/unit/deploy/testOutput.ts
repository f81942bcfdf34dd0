import { EventEmitter } from "node:events";

/** A stand-in for `process` as a source of Ctrl-C. */
export class FakeSignals extends EventEmitter {
  press(): void {
    this.emit("SIGINT");
  }
}
