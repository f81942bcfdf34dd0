import { type ChildProcess, spawn } from "node:child_process";
import { freePort, isAlive, waitForPort } from "./ports.js";

export interface RedisServerHandle {
  port: number;
  url: string;
  pid: number;
  /** Stops the server by its own PID and waits until it is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop), for outage tests. */
  restart(): Promise<void>;
}

export interface RedisServerOptions {
  password?: string;
  /** Extra redis-server arguments, e.g. TLS settings. */
  extraArgs?: string[];
  port?: number;
}

/** Starts a throwaway redis-server on a free loopback port with no persistence. */
export async function startRedis(options: RedisServerOptions = {}): Promise<RedisServerHandle> {
  const port = options.port ?? (await freePort());
  let child: ChildProcess;
  const launch = async () => {
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
    if (options.password) args.push("--requirepass", options.password);
    args.push(...(options.extraArgs ?? []));
    child = spawn("redis-server", args, { stdio: "ignore" });
    child.once("error", () => {});
    await waitForPort(port);
  };
  await launch();
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : "";
  const handle: RedisServerHandle = {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    get pid() {
      return child.pid ?? -1;
    },
    async stop() {
      const pid = child.pid;
      if (pid === undefined || !isAlive(pid)) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
    async restart() {
      await handle.stop();
      await launch();
    },
  };
  return handle;
}
