import { createServer, request, type Server } from "node:http";
import { createServer as createTcpServer, type Socket } from "node:net";
import { freePort } from "../../helpers/ports.js";

interface PutRecordsBody {
  StreamName: string;
  Records: { Data: string; PartitionKey: string }[];
}

export interface KinesisProxy {
  endpoint: string;
  /** Partition keys of every PutRecords call, in order. */
  putCalls: string[][];
  stop(): Promise<void>;
}

type Forwarded = { status: number; contentType: string; body: string };

function forward(port: number, headers: Record<string, unknown>, body: string): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 500,
            contentType: String(res.headers["content-type"]),
            body: text,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * An HTTP proxy in front of a Kinesis server that, on every PutRecords call, withholds the
 * entries whose partition key `refuse` picks and answers for them with
 * ProvisionedThroughputExceededException, as Kinesis does when a shard is over its limits.
 */
export async function startRefusingProxy(
  target: number,
  refuse: (key: string) => boolean,
): Promise<KinesisProxy> {
  const putCalls: string[][] = [];
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const headers = { ...req.headers } as Record<string, unknown>;
    delete headers["content-length"];
    if (!String(req.headers["x-amz-target"]).endsWith(".PutRecords")) {
      const answer = await forward(target, headers, body);
      res.writeHead(answer.status, { "content-type": answer.contentType });
      return res.end(answer.body);
    }
    const parsed = JSON.parse(body) as PutRecordsBody;
    putCalls.push(parsed.Records.map((r) => r.PartitionKey));
    const kept = parsed.Records.filter((r) => !refuse(r.PartitionKey));
    const results: unknown[] = [];
    if (kept.length > 0) {
      const answer = await forward(target, headers, JSON.stringify({ ...parsed, Records: kept }));
      results.push(...(JSON.parse(answer.body) as { Records: unknown[] }).Records);
    }
    const merged = parsed.Records.map((r) =>
      refuse(r.PartitionKey)
        ? { ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: "Rate exceeded for shard" }
        : results.shift(),
    );
    const failed = parsed.Records.length - kept.length;
    res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
    res.end(JSON.stringify({ FailedRecordCount: failed, Records: merged }));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    putCalls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that accepts connections and never answers: a hung load balancer or firewall. */
export async function startSilentServer(): Promise<{
  endpoint: string;
  connections(): number;
  stop(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createTcpServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
