/**
 * The code of the worker thread that hosts one Lambda bundle, evaluated as a CommonJS script
 * (the CLI is bundled into one folder, so a separate worker file would not survive bundling).
 * Like the Lambda runtime it imports the module once (the cold start, reading process.env),
 * then answers invocations one at a time with a Lambda-shaped context.
 */
export const LAMBDA_WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { randomUUID } = require("node:crypto");
const { AsyncLocalStorage } = require("node:async_hooks");
// The processing function logs its per-batch counts (stored, updated, duplicates, stale, rejected:
// what its write did with each record) as one JSON line; read it from the lines an invocation
// writes, so dev counts exactly what the function did.
const invocation = new AsyncLocalStorage();
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => {
    const store = invocation.getStore();
    const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : "";
    if (store && text.includes('"duplicates"')) {
      for (const line of text.split(String.fromCharCode(10))) {
        try {
          const entry = JSON.parse(line);
          const fields = ["stored", "updated", "duplicates", "stale", "rejected"];
          if (fields.every((field) => typeof entry[field] === "number")) {
            store.counts = {};
            for (const field of fields) store.counts[field] = entry[field];
            if (typeof entry.peDisagreements === "number") store.counts.peDisagreements = entry.peDisagreements;
          }
        } catch {}
      }
    }
    return write(chunk, ...rest);
  };
}
const serialize = (error) => ({
  name: (error && error.name) || "Error",
  message: (error && error.message) || String(error),
  stack: error && error.stack,
});
const contextFor = (timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  const name = workerData.functionName;
  return {
    functionName: name,
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:" + workerData.region + ":000000000000:function:" + name,
    memoryLimitInMB: "256",
    awsRequestId: randomUUID(),
    logGroupName: "/aws/lambda/" + name,
    logStreamName: "local",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {}, fail() {}, succeed() {},
  };
};
import(workerData.bundleUrl).then(
  (module) => {
    if (typeof module.handler !== "function") {
      parentPort.postMessage({ type: "init-error", error: { name: "Error", message: "the bundle exports no handler" } });
      return;
    }
    parentPort.on("message", async (message) => {
      try {
        const store = {};
        const result = await invocation.run(store, () => module.handler(message.event, contextFor(workerData.timeoutMs)));
        parentPort.postMessage({ type: "result", id: message.id, result: result === undefined ? null : result, counts: store.counts });
      } catch (error) {
        parentPort.postMessage({ type: "error", id: message.id, error: serialize(error) });
      }
    });
    parentPort.postMessage({ type: "ready" });
  },
  (error) => parentPort.postMessage({ type: "init-error", error: serialize(error) }),
);
`;
