import type { Server } from "node:http";
import { createRequire } from "node:module";
import { freePort } from "./ports.js";

const require = createRequire(import.meta.url);

export interface KinesisServerHandle {
  port: number;
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts kinesalite in memory on a free loopback port (never on all interfaces). */
export async function startKinesalite(): Promise<KinesisServerHandle> {
  const kinesalite = require("kinesalite") as (options: Record<string, unknown>) => Server;
  const port = await freePort();
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
