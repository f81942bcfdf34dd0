import { spawn } from "node:child_process";
import { freePort, isAlive, waitForPort } from "../test/helpers/ports.js";

export interface KinesaliteProcess {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * kinesalite in its own Node process bound to 127.0.0.1, so the server has a core of its own
 * as a real Kinesis endpoint would, instead of sharing the event loop of the client under test.
 */
export async function startKinesaliteProcess(): Promise<KinesaliteProcess> {
  const port = await freePort();
  const script = `require("kinesalite")({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 }).listen(${port}, "127.0.0.1")`;
  const child = spawn(process.execPath, ["-e", script], { stdio: "ignore", cwd: process.cwd() });
  child.once("error", () => {});
  await waitForPort(port);
  const pid = child.pid ?? -1;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    pid,
    async stop() {
      if (!isAlive(pid)) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}
