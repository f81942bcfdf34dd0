import { spawn } from "node:child_process";

/**
 * The command that opens a URL in the desktop's browser, or null where there is no desktop to
 * show it: never under CI or a test runner, on Linux only with a display (X11 or Wayland).
 */
export function browserOpener(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (env.CI || env.VITEST) return null;
  if (platform === "darwin") return "open";
  if (platform === "linux" && (env.DISPLAY || env.WAYLAND_DISPLAY)) return "xdg-open";
  return null;
}

/** Opens `url` with `command`, detached; a failure only means the user opens it by hand. */
export function openInBrowser(command: string, url: string): void {
  try {
    const child = spawn(command, [url], { detached: true, stdio: "ignore" });
    child.once("error", () => {});
    child.unref();
  } catch {
    // The URL is printed either way.
  }
}
