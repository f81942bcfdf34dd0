import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { CliError, UsageError } from "../../../src/lib/errors.js";
import { chooseLocalPort } from "../../../src/tunnel/localPort.js";
import { findPlugin, PLUGIN_INSTALL_URL, startPlugin } from "../../../src/tunnel/plugin.js";

describe("finding and starting the plugin", () => {
  it("explains how to install the plugin when it is not on PATH", () => {
    const find = () => findPlugin({ PATH: "/nonexistent-a:/nonexistent-b" });

    expect(find).toThrow(CliError);
    expect(find).toThrow(/session-manager-plugin/);
    try {
      find();
    } catch (error) {
      expect((error as CliError).hint).toContain(PLUGIN_INSTALL_URL);
    }
  });

  it("gives the same instructions when the plugin program cannot be run", async () => {
    const starting = startPlugin({ command: "/nonexistent/session-manager-plugin" }, [], { env: {} });

    await expect(starting).rejects.toMatchObject({ hint: expect.stringContaining(PLUGIN_INSTALL_URL) });
  });
});

describe("choosing the local port", () => {
  it("refuses a port something already listens on, as a usage error", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as { port: number }).port;

    await expect(chooseLocalPort(port)).rejects.toThrow(UsageError);
    busy.close();
  });

  it("picks a free port when none is asked for", async () => {
    expect(await chooseLocalPort()).toBeGreaterThan(0);
  });
});
