import { describe, expect, it } from "vitest";
import { pipelineOptionsFromFlags } from "../../../src/local/dev/devOptions.js";
import { watchlistFromFlags } from "../../../src/local/dev/watchlistFlags.js";

const files = (content: Record<string, string>) => (file: string) => {
  const text = content[file];
  if (text === undefined) throw new Error(`ENOENT: no such file, open '${file}'`);
  return text;
};

describe("dev's watchlist flags", () => {
  it("makes up N symbols for --symbols N", () => {
    const symbols = watchlistFromFlags({ symbols: "10000" });
    expect(symbols).toHaveLength(10_000);
    expect(new Set(symbols).size).toBe(10_000);
    expect(symbols?.[0]).toBe("SYM00001");
  });

  it("reads --symbols-file: lines or commas, comments, duplicates once", () => {
    const read = files({ "w.txt": "# my list\naapl\nMSFT, bmw.de\n\nAAPL # again\n" });
    expect(watchlistFromFlags({ symbolsFile: "w.txt" }, read)).toEqual(["AAPL", "MSFT", "BMW.DE"]);
  });

  it("names the file and line of a bad symbol, a missing file, and two watchlists at once", () => {
    const read = files({ "bad.txt": "AAPL\nnot valid\n" });
    expect(() => watchlistFromFlags({ symbolsFile: "bad.txt" }, read)).toThrow(
      /bad\.txt, line 2: "not valid"/,
    );
    expect(() => watchlistFromFlags({ symbolsFile: "gone.txt" }, read)).toThrow(
      /--symbols-file gone\.txt cannot be read/,
    );
    expect(() => watchlistFromFlags({ symbolsFile: "bad.txt", symbols: "AAPL" }, read)).toThrow(
      /give one of them/,
    );
    expect(() => watchlistFromFlags({ symbols: "0" })).toThrow(/1 to 10000/);
  });

  it("leaves a comma-separated --symbols list to the list parser", () => {
    expect(watchlistFromFlags({ symbols: "AAPL,MSFT" })).toBeUndefined();
    expect(pipelineOptionsFromFlags({ symbols: "AAPL,MSFT" }, {}).symbols).toEqual(["AAPL", "MSFT"]);
  });

  it("passes the stand-in's latency and limit and the shared rate on", () => {
    const options = pipelineOptionsFromFlags(
      { symbols: "1000", apiLatencyMs: "40", apiRateLimit: "100", requestsPerSecond: "100" },
      {},
    );
    expect(options.symbols).toHaveLength(1000);
    expect(options.fakeApi).toEqual({ latencyMs: 40, requestsPerSecond: 100 });
    expect(options.requestsPerSecond).toBe(100);
    expect(() => pipelineOptionsFromFlags({ apiRateLimit: "fast" }, {})).toThrow(/--api-rate-limit "fast"/);
  });
});
