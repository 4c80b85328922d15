// The bookkeeping both trainers' loops share: when to stop (a signal, this process's step or time
// budget, a non-finite step), when a checkpoint is due, and the run's log lines.

import * as fs from 'node:fs';
import { appendLog } from './runLog';

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
    private readonly run: {
      /** Writes the run's checkpoint. */
      save: () => void;
      checkpoint: string;
      logFile: string;
      log: (line: string) => void;
    },
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

  /** A step whose loss or gradient is not finite: says so (naming the last good checkpoint); the run stops without saving. */
  nonFinite(step: number, loss: number, gradNorm: number): StopReason {
    const last = fs.existsSync(this.run.checkpoint) ? this.run.checkpoint : '(none yet)';
    this.run.log(`step ${step}: non-finite loss ${loss} or gradient norm ${gradNorm}; stopping. Last good checkpoint: ${last}`);
    return 'non-finite';
  }

  /** Records a validation in the log. */
  validated(step: number, values: object): void {
    appendLog(this.run.logFile, { kind: 'valid', step, ...values });
    this.run.log(`\nvalid @${step}: ${JSON.stringify(values)}`);
  }

  /** After each step: counts it and writes a checkpoint when one is due. */
  stepDone(): void {
    this.stepsThisRun++;
    if (performance.now() - this.lastSave > this.checkpointMinutes * 60_000) {
      this.run.save();
      this.lastSave = performance.now();
    }
  }

  /** At the end: the final checkpoint (after a non-finite step the last good one stays) and the reason. */
  finish(reason: StopReason, step: number): void {
    if (reason !== 'non-finite') this.run.save();
    this.run.log(`stopped (${reason}) at step ${step}; checkpoint ${this.run.checkpoint}`);
  }
}
