#!/usr/bin/env node
// Starts the compiled CLI and sets the exit code; everything else lives in src/cli.ts.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/cli.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("Error: bavest-signals is not built.\nRun: npm run build\n");
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
