import { existsSync, readFileSync } from "node:fs";
import type { RawStackConfig } from "./config.js";

/** What a Pulumi.<stack>.yaml holds for us: plain config values and the names of secret keys. */
export interface StackFileConfig {
  values: RawStackConfig;
  secretKeys: string[];
}

/**
 * Reads the `config:` block of a Pulumi.<stack>.yaml as written by `pulumi config set`: one
 * `namespace:key: value` per line, secrets as a nested `secure:` value. Returns undefined when
 * the file does not exist. Nested objects other than `secure` are not stack settings here.
 */
export function readStackFile(path: string): StackFileConfig | undefined {
  if (!existsSync(path)) return undefined;
  return parseStackFile(readFileSync(path, "utf8"));
}

export function parseStackFile(text: string): StackFileConfig {
  const values: RawStackConfig = {};
  const secretKeys: string[] = [];
  let inConfig = false;
  let pendingKey: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    if (!line.startsWith(" ")) {
      inConfig = /^config:\s*$/.test(line);
      continue;
    }
    if (!inConfig) continue;
    const entry = /^( +)([^\s:][^\s]*?):(?:\s+(.*))?$/.exec(line);
    if (!entry) continue;
    const [, indent = "", key = "", rawValue] = entry;
    if (pendingKey !== undefined && key === "secure" && indent.length > 2) {
      secretKeys.push(pendingKey);
      pendingKey = undefined;
      continue;
    }
    if (indent.length > 2) continue;
    const value = rawValue?.trim() ?? "";
    pendingKey = value === "" ? key : undefined;
    if (/^\{\s*secure:/.test(value)) secretKeys.push(key);
    else if (value !== "") values[key] = unquote(value);
  }
  return { values, secretKeys };
}

function unquote(value: string): string {
  if (value.startsWith('"') && value.endsWith('"')) {
    try {
      return String(JSON.parse(value));
    } catch {
      return value.slice(1, -1);
    }
  }
  if (value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replaceAll("''", "'");
  return value.replace(/\s+#.*$/, "");
}
