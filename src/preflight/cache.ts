import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stateHome } from "../lib/paths.js";
import type { PreflightReport } from "./types.js";

/** A passed preflight is trusted this long before deploy asks AWS again. */
export const PREFLIGHT_CACHE_TTL_MS = 10 * 60 * 1000;

/** Where passed reports are kept, one file per stack. */
export interface PreflightCache {
  read(stack: string, key: string): Promise<PreflightReport | undefined>;
  write(stack: string, key: string, report: PreflightReport): Promise<void>;
}

/** A fingerprint of what the checks read: another config, another answer. */
export function cacheKey(config: Record<string, { value: string }>): string {
  const flat = Object.entries(config)
    .map(([key, item]) => [key, item.value])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));
  return createHash("sha256").update(JSON.stringify(flat)).digest("hex");
}

/** Reports under `<state home>/preflight/<stack>.json`, fresh for PREFLIGHT_CACHE_TTL_MS. */
export function fileCache(env: NodeJS.ProcessEnv, now: () => number = Date.now): PreflightCache {
  const dir = join(stateHome(env), "preflight");
  const file = (stack: string) => join(dir, `${stack}.json`);
  return {
    async read(stack, key) {
      try {
        const saved = JSON.parse(await readFile(file(stack), "utf8")) as {
          savedAt: number;
          key: string;
          report: PreflightReport;
        };
        const fresh = now() - saved.savedAt < PREFLIGHT_CACHE_TTL_MS && saved.savedAt <= now();
        return fresh && saved.key === key ? saved.report : undefined;
      } catch {
        return undefined;
      }
    },
    async write(stack, key, report) {
      await mkdir(dir, { recursive: true });
      const temporary = `${file(stack)}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ savedAt: now(), key, report }));
      await rename(temporary, file(stack));
    },
  };
}
