/**
 * Stop steps of everything the bench starts (dev server, sandboxes, workers, databases),
 * run in reverse order on success, on error and on Ctrl-C, each at most once.
 */
export type StopStep = () => Promise<void>;

export class Teardown {
  private readonly steps: { name: string; fn: StopStep }[] = [];

  constructor(private readonly warn: (line: string) => void) {}

  /** Registers a step; the returned function runs it now (once) and unregisters it. */
  add(name: string, fn: StopStep): StopStep {
    const step = { name, fn };
    this.steps.push(step);
    return async () => {
      const i = this.steps.indexOf(step);
      if (i < 0) return;
      this.steps.splice(i, 1);
      await this.runStep(step);
    };
  }

  /** Runs every remaining step, newest first; a failing step does not stop the others. */
  async runAll(): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      await this.runStep(step);
    }
  }

  private async runStep(step: { name: string; fn: StopStep }): Promise<void> {
    try {
      await step.fn();
    } catch (e) {
      this.warn(`(while stopping ${step.name}: ${(e as Error).message})`);
    }
  }
}
