import type { Output } from "./output.js";

/** Progress for one slow step: a spinner on a TTY, plain lines on stderr elsewhere. */
export interface Progress {
  update(text: string): void;
  succeed(text?: string): void;
  fail(text?: string): void;
  stop(): void;
}

export async function startProgress(output: Output, text: string): Promise<Progress> {
  if (output.fancy) {
    // ora is loaded only when a spinner will really be drawn.
    const { default: ora } = await import("ora");
    const spinner = ora({ text, stream: output.stderr }).start();
    return {
      update: (next) => {
        spinner.text = next;
      },
      succeed: (done) => spinner.succeed(done),
      fail: (failed) => spinner.fail(failed),
      stop: () => spinner.stop(),
    };
  }
  output.info(`${text}...`);
  return {
    update: () => {},
    succeed: (done) => {
      if (done) output.info(done);
    },
    fail: (failed) => {
      if (failed) output.info(failed);
    },
    stop: () => {},
  };
}
