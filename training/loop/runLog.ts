// A training run's JSONL log (one line per step and per validation), shared by the trainers.

import * as fs from 'node:fs';

export function appendLog(logFile: string, entry: object): void {
  fs.appendFileSync(logFile, JSON.stringify(entry) + '\n');
}

/** A run killed between checkpoints logged steps it will now redo: drop them, so the log reads as one run. */
export function dropLogAfter(logFile: string, step: number): void {
  if (!fs.existsSync(logFile)) return;
  const lines = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  const kept = lines.filter((l) => (JSON.parse(l) as { step: number }).step <= step);
  if (kept.length < lines.length) fs.writeFileSync(logFile, kept.map((l) => l + '\n').join(''));
}

/**
 * A run's log as the repository keeps it: every validation record, and every `every`-th step record of each
 * task (the step records are ~99% of a long run's log; the curves drawn from the full log stay in loss-curves.html).
 */
export function thinLog(from: string, to: string, every: number): { kept: number; of: number } {
  const lines = fs.readFileSync(from, 'utf8').split('\n').filter(Boolean);
  const seen = new Map<string, number>();
  const kept = lines.filter((l) => {
    const r = JSON.parse(l) as { kind?: string; task?: string | null };
    if (r.kind !== 'step') return true;
    const task = r.task ?? '';
    const n = seen.get(task) ?? 0;
    seen.set(task, n + 1);
    return n % every === 0;
  });
  fs.writeFileSync(to, kept.map((l) => l + '\n').join(''));
  return { kept: kept.length, of: lines.length };
}
