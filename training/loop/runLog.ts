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
