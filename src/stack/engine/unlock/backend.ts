import { homedir } from "node:os";
import { isAbsolute, resolve } from "node:path";

/** Where a stack's state lives, as far as unlocking is concerned. */
export type Backend =
  | { kind: "service"; url: string }
  | { kind: "file"; url: string; root: string }
  | { kind: "s3"; url: string; bucket: string; prefix: string; region?: string; profile?: string }
  | { kind: "other"; url: string };

/**
 * Reads a backend URL the way the Pulumi CLI does: `file://<path>` (`~` is the home folder, a
 * relative path is relative to the work directory the engine runs in), `s3://bucket/prefix?region=...`,
 * anything else self-managed (`gs://`, `azblob://`) is `other`; no URL or https is Pulumi Cloud.
 * https://www.pulumi.com/docs/iac/concepts/state-and-backends/
 */
export function parseBackendUrl(url: string | undefined, workDir: string, home = homedir()): Backend {
  const text = url?.trim() ?? "";
  if (text === "" || /^https?:\/\//.test(text))
    return { kind: "service", url: text || "https://api.pulumi.com" };
  if (text.startsWith("file://")) {
    const path = text.slice("file://".length).replace(/\?.*$/, "");
    const expanded = path === "~" || path.startsWith("~/") ? `${home}${path.slice(1)}` : path;
    return {
      kind: "file",
      url: text,
      root: isAbsolute(expanded) ? expanded : resolve(workDir, expanded || "."),
    };
  }
  if (text.startsWith("s3://")) {
    const parsed = new URL(text);
    const region = parsed.searchParams.get("region") ?? undefined;
    const profile = parsed.searchParams.get("profile") ?? undefined;
    return {
      kind: "s3",
      url: text,
      bucket: parsed.host,
      prefix: decodeURIComponent(parsed.pathname).replace(/^\/+|\/+$/g, ""),
      ...(region ? { region } : {}),
      ...(profile ? { profile } : {}),
    };
  }
  return { kind: "other", url: text };
}

/**
 * The folders the self-managed backend keeps a stack's lock files in: the project-scoped layout
 * (`.pulumi/locks/organization/<project>/<stack>/<lock id>.json`, the default since Pulumi 3.61)
 * and the legacy one (`.pulumi/locks/<stack>/`), relative to the backend's root.
 * https://github.com/pulumi/pulumi/blob/master/pkg/backend/diy/lock.go
 */
export function lockFolders(project: string, stack: string): string[] {
  return [`.pulumi/locks/organization/${project}/${stack}`, `.pulumi/locks/${stack}`];
}
