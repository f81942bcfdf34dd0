import type { Output } from "../lib/output.js";
import { createStyle } from "../lib/style.js";
import type { EngineEvent } from "../stack/engine/types.js";
import { describeItem, type ProgressItem, ProgressTracker } from "./progressTracker.js";
import { formatSeconds } from "./resourceNames.js";

/** `fancy`: a spinner with the running resources; `plain`: one line per step; `json`: NDJSON. */
export type ProgressMode = "fancy" | "plain" | "json";

export interface ProgressRenderer {
  onEvent(event: EngineEvent): void;
  /** A line of our own (e.g. "Cancelling...") that must not be drawn over by the spinner. */
  note(line: string): void;
  stop(): void;
  readonly tracker: ProgressTracker;
}

interface Spinner {
  text: string;
  clear(): unknown;
  render(): unknown;
  stop(): unknown;
}

export interface RendererOptions {
  mode: ProgressMode;
  write: (text: string) => void;
  now?: () => number;
  /** Only in fancy mode: the spinner to draw on. */
  spinner?: Spinner;
  color?: boolean;
}

export function progressModeFor(output: Pick<Output, "json" | "fancy">): ProgressMode {
  if (output.json) return "json";
  return output.fancy ? "fancy" : "plain";
}

/** Turns engine events into what the user sees, in the chosen mode. */
export function createRenderer(options: RendererOptions): ProgressRenderer {
  const tracker = new ProgressTracker(options.now);
  const style = createStyle(options.color === true);
  const spinner = options.mode === "fancy" ? options.spinner : undefined;
  const persist = (line: string) => {
    spinner?.clear();
    options.write(`${line}\n`);
    spinner?.render();
  };
  const refreshSpinner = () => {
    if (!spinner) return;
    const active = tracker.active();
    spinner.text =
      active.length === 0
        ? "working..."
        : active
            .map((item) => `${item.verb} ${item.name} ${style.dim(formatSeconds(item.elapsedMs / 1000))}`)
            .join(", ");
  };
  const timer = spinner ? setInterval(refreshSpinner, 1000) : undefined;
  timer?.unref();
  const show = (item: ProgressItem) => {
    if (options.mode === "json") {
      options.write(`${JSON.stringify(item)}\n`);
      return;
    }
    if (options.mode === "fancy" && item.type === "resource" && item.phase === "started") return;
    const line = describeItem(item);
    if (line !== null) persist(colourise(line, item, style));
  };
  return {
    tracker,
    onEvent(event) {
      for (const item of tracker.apply(event)) show(item);
      refreshSpinner();
    },
    note(line) {
      if (options.mode === "json") options.write(`${JSON.stringify({ type: "note", message: line })}\n`);
      else persist(line);
    },
    stop() {
      if (timer) clearInterval(timer);
      spinner?.stop();
    },
  };
}

function colourise(line: string, item: ProgressItem, style: ReturnType<typeof createStyle>): string {
  if (item.type === "resource" && item.phase === "failed") return style.red(line);
  if (item.type === "resource" && item.phase === "done") return style.green(line);
  if (item.type === "diagnostic" && item.severity === "error") return style.red(line);
  if (item.type === "diagnostic" && item.severity === "warning") return style.yellow(line);
  return line;
}

/** The renderer for a command's output: ora on a TTY (loaded only then), plain lines or NDJSON on stderr. */
export async function startProgressRenderer(output: Output, title: string): Promise<ProgressRenderer> {
  const mode = progressModeFor(output);
  const write = (text: string) => output.stderr.write(text);
  if (mode !== "fancy") {
    if (mode === "plain") output.info(`${title}...`);
    return createRenderer({ mode, write });
  }
  const { default: ora } = await import("ora");
  const spinner = ora({ text: title, stream: output.stderr }).start();
  return createRenderer({ mode, write, spinner, color: true });
}
