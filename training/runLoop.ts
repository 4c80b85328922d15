// The bookkeeping both trainers' loops share: when to stop (a signal, this process's step or time
// budget) and when a checkpoint is due.

export type StopReason = 'done' | 'max-steps' | 'time' | 'signal' | 'non-finite';

export interface RunLimits {
  stopSignal?: { requested: boolean };
  maxStepsThisRun?: number;
  maxMinutes?: number;
}

export class RunLoop {
  private readonly start = performance.now();
  private lastSave = performance.now();
  private stepsThisRun = 0;

  constructor(
    private readonly limits: RunLimits,
    private readonly checkpointMinutes: number,
  ) {}

  /** Why the run should stop before its next step, or null. Yields first, so signal handlers run. */
  async stopReason(): Promise<StopReason | null> {
    await new Promise((r) => setImmediate(r)); // one-thread runs never await otherwise
    const l = this.limits;
    if (l.stopSignal?.requested) return 'signal';
    if (l.maxStepsThisRun !== undefined && this.stepsThisRun >= l.maxStepsThisRun) return 'max-steps';
    if (l.maxMinutes !== undefined && performance.now() - this.start > l.maxMinutes * 60_000) return 'time';
    return null;
  }

  /** After each step: counts it and calls `save` when a checkpoint is due. */
  stepDone(save: () => void): void {
    this.stepsThisRun++;
    if (performance.now() - this.lastSave > this.checkpointMinutes * 60_000) {
      save();
      this.lastSave = performance.now();
    }
  }
}
