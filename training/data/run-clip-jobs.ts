// Runs clip tasks on the worker pool and stores the results IN TASK ORDER (a small reorder window),
// so the shard layout is the same on every run, however the two workers happen to interleave.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AUDIO } from '../../models/config/audio';
import { Progress } from '../loop/progress';
import { emptyStageTimes, type ClipOutcome, type ClipTask, type StageTimes, type TaskResult } from './clip-pipeline';
import type { CorpusStore } from './corpus-store';
import type { Utterance } from './manifest';
import { WorkerPool } from './worker-pool';

/** What the manifest says about a clip besides what the pipeline measures. */
export type ClipMeta = Omit<Utterance, 'mel' | 'phonemes' | 'durationSec'>;

export interface ClipJob {
  task: ClipTask;
  /** Per clip of the task, in the same order. */
  clips: { key: string; meta: ClipMeta }[];
}

export interface RunOptions {
  workers: number;
  label: string;
}

export interface RunReport {
  made: number;
  failures: { id: string; error: string }[];
  /** Worker milliseconds per pipeline stage. */
  times: StageTimes;
  wallSeconds: number;
}

/** "synth 41% sox 12% ..." of the worker time. */
export function formatStageTimes(times: StageTimes): string {
  const total = Object.values(times).reduce((a, b) => a + b, 0);
  return Object.entries(times)
    .map(([stage, ms]) => `${stage} ${((100 * ms) / Math.max(total, 1)).toFixed(0)}% (${(ms / 1000).toFixed(0)} s)`)
    .join(', ');
}

/** Tasks ahead of the oldest unwritten one that may run: bounds memory held for reordering. */
const REORDER_WINDOW = 24;

/** Temp directories of builds that were killed (their process is gone) are removed. */
function removeStaleTempDirs(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const match = /^meld-corpus-(\d+)$/.exec(name);
    if (!match) continue;
    try {
      process.kill(Number(match[1]), 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
  }
}

export async function runClipJobs(store: CorpusStore, jobs: readonly ClipJob[], options: RunOptions): Promise<RunReport> {
  const started = performance.now();
  const report: RunReport = { made: 0, failures: [], times: emptyStageTimes(), wallSeconds: 0 };
  const total = jobs.reduce((n, j) => n + j.clips.length, 0);
  if (total === 0) return report;
  removeStaleTempDirs();
  const tmpDir = path.join(os.tmpdir(), `meld-corpus-${process.pid}`);
  const pool = new WorkerPool<ClipTask, TaskResult>(new URL('./clip-worker.ts', import.meta.url), options.workers, { tmpDir });
  const progress = new Progress(total, options.label);
  const results = new Map<number, ClipOutcome[]>();
  let nextToWrite = 0;
  let nextToStart = 0;
  let done = 0;
  let seconds = 0;

  const write = (index: number, outcomes: ClipOutcome[]): void => {
    jobs[index].clips.forEach(({ key, meta }, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) {
        const durationSec = outcome.samples / AUDIO.sampleRate;
        store.addClip(key, { ...meta, phonemes: outcome.phonemes, durationSec }, outcome.wav, outcome.mel, outcome.frames);
        report.made++;
        seconds += durationSec;
      } else {
        store.addFailure(key, meta.id, outcome.error);
        report.failures.push({ id: meta.id, error: outcome.error });
        process.stderr.write(`\nclip ${meta.id} skipped: ${outcome.error}\n`);
      }
    });
    done += jobs[index].clips.length;
    progress.update(done, `${(seconds / 3600).toFixed(2)} h audio, ${report.failures.length} failed`);
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const startMore = (): void => {
        while (nextToStart < jobs.length && nextToStart < nextToWrite + REORDER_WINDOW) {
          const index = nextToStart++;
          pool.run(jobs[index].task).then(({ outcomes, times }) => {
            for (const stage of Object.keys(times) as (keyof StageTimes)[]) report.times[stage] += times[stage];
            results.set(index, outcomes);
            try {
              while (results.has(nextToWrite)) {
                write(nextToWrite, results.get(nextToWrite)!);
                results.delete(nextToWrite);
                nextToWrite++;
              }
            } catch (error) {
              reject(error as Error);
              return;
            }
            if (nextToWrite === jobs.length) resolve();
            else startMore();
          }, reject);
        }
      };
      startMore();
    });
  } finally {
    progress.done();
    store.close();
    await pool.close();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  report.wallSeconds = (performance.now() - started) / 1000;
  return report;
}
