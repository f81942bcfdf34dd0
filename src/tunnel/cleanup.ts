/** Undo steps run newest first, each once, even when one of them fails. */
export class CleanupStack {
  private readonly steps: Array<() => Promise<void> | void> = [];

  push(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  /** Runs every step; failures go to `onError` so one failed step never skips the others. */
  async runAll(onError: (error: unknown) => void): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step();
      } catch (error) {
        onError(error);
      }
    }
  }
}
