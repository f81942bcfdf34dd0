import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { announcedRequestsPerSecond, bavestQuoteProbe } from "../../../src/preflight/bavestProbe.js";
import { type BavestStub, startBavestStub } from "../../helpers/bavestStub.js";

let stub: BavestStub | undefined;
afterEach(async () => {
  await stub?.stop();
  stub = undefined;
});

describe("the Bavest key probe", () => {
  it("sends one quote request with the key, as the ingestion function does", async () => {
    stub = await startBavestStub();

    const answer = await bavestQuoteProbe()(`${stub.url}/`, "test-key", "AAPL");

    expect(answer).toEqual({ ok: true, status: 200 });
    expect(stub.requests).toMatchObject([
      { method: "POST", path: "/v0/quote", apiKey: "test-key", body: { symbol: "AAPL" } },
    ]);
  });

  it("says the key was refused on 403, once, without retrying", async () => {
    stub = await startBavestStub();
    stub.script("AAPL", [{ kind: "status", status: 403, body: '{"message":"Forbidden"}' }]);

    const answer = await bavestQuoteProbe()(stub.url, "wrong", "AAPL");

    expect(answer).toEqual({ ok: false, status: 403, reason: "the key was refused" });
    expect(stub.requestsFor("AAPL")).toHaveLength(1);
  });

  it("gives up after its timeout when the API does not answer", async () => {
    stub = await startBavestStub();
    stub.script("AAPL", [{ kind: "slow", delayMs: 10_000 }]);

    const answer = await bavestQuoteProbe({ timeoutMs: 200 })(stub.url, "test-key", "AAPL");

    expect(answer).toEqual({ ok: false, reason: "no answer within 0.2 s" });
  });

  it("reads the request rate a RateLimit-Policy header announces", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "ratelimit-policy": '"plan";q=300;w=60' });
      res.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;

      const answer = await bavestQuoteProbe()(`http://127.0.0.1:${port}/v0`, "test-key", "AAPL");

      expect(answer).toEqual({ ok: true, status: 200, requestsPerSecondLimit: 5 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("understands both drafts of the header, and no header at all", () => {
    expect(announcedRequestsPerSecond(new Headers({ "ratelimit-policy": "10;w=1" }))).toBe(10);
    expect(announcedRequestsPerSecond(new Headers({ "ratelimit-policy": '"default";q=120;w=60' }))).toBe(2);
    expect(announcedRequestsPerSecond(new Headers())).toBeUndefined();
  });
});
