#!/usr/bin/env node
// Starts the compiled CLI and sets the exit code; everything else lives in src/cli.ts.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/cli.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("Error: bavest-signals is not built.\nRun: npm run build\n");
  process.exit(1);
}
// The AWS SDK warns on every Node 20 process that future SDK releases will need Node 22; the
// versions this package pins support Node 20, so the warning would only be noise on stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const { main, invocationOf } = await import(entry.href);
// Hints name the commands the way this one was started: npx, node bin/..., or on PATH.
const invokedAs = invocationOf(process.argv[1], process.env, process.cwd());
process.exitCode = await main(process.argv.slice(2), { invokedAs });
