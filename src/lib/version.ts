import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The package version, read from package.json at the project root (two levels up in dist/ and src/). */
function readVersion(): string {
  for (const candidate of ["../../package.json", "../package.json"]) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === "bavest-signals" && pkg.version) return pkg.version;
    } catch {
      // Try the next location: the file sits at a different depth in src/ and in dist/.
    }
  }
  return "0.0.0";
}

export const VERSION = readVersion();
