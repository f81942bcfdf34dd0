// Preloaded with `node --import` to record every module the process resolves (ESM and CommonJS)
// into the file named by RECORD_LOADS_FILE: lets a test prove what a command did not load.
import { appendFileSync } from "node:fs";
import Module, { register } from "node:module";

const target = process.env.RECORD_LOADS_FILE;
if (target) {
  register(new URL("./record-loads-hooks.mjs", import.meta.url), { data: { target } });
  const originalLoad = Module._load;
  Module._load = function recordingLoad(request, ...rest) {
    appendFileSync(target, `${request}\n`);
    return originalLoad.call(this, request, ...rest);
  };
}
