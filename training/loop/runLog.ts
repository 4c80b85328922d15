// A training run's JSONL log (one line per step and per validation), shared by the trainers and the tools
// that read it (curves, compare-runs, watch-run).

import * as fs from 'node:fs';

export interface LogRecord {
  kind: string;
  step: number;
  task?: string | null;
  /** In a thinned log: how many step records of its task this one stands for (absent: 1). */
  every?: number;
  [field: string]: unknown;
}

export function appendLog(logFile: string, entry: object): void {
  fs.appendFileSync(logFile, JSON.stringify(entry) + '\n');
}

/** A log's records. A last line cut short (a run killed mid-append) is left out; a bad line elsewhere throws. */
export function readLogRecords(logFile: string): LogRecord[] {
  return parseLines(logFile, logLines(logFile));
}

const logLines = (logFile: string) => fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);

function parseLines(logFile: string, lines: readonly string[]): LogRecord[] {
  return lines.flatMap((l, i) => {
    try {
      return [JSON.parse(l) as LogRecord];
    } catch (e) {
      if (i === lines.length - 1) return [];
      throw new Error(`${logFile}:${i + 1} is not a log record (${(e as Error).message})`);
    }
  });
}

/** How many steps a step record stands for: 1, or its `every` in a thinned log. */
export const stepWeight = (r: LogRecord) => r.every ?? 1;

/** How many steps a log's records stand for (a thinned log's as many as the full one's). */
export const stepsLogged = (records: readonly LogRecord[]) => records.filter((r) => r.kind === 'step').reduce((n, r) => n + stepWeight(r), 0);

/** A run killed between checkpoints logged steps it will now redo: drop them, so the log reads as one run. */
export function dropLogAfter(logFile: string, step: number): void {
  if (!fs.existsSync(logFile)) return;
  const lines = logLines(logFile);
  const kept = parseLines(logFile, lines).filter((r) => r.step <= step);
  if (kept.length < lines.length) writeLog(logFile, kept);
}

/**
 * A run's log as the repository keeps it, up to `upToStep`: every validation record, and of each task's step
 * records the first of every `every` and the last. A kept record carries `every`, the number of its task's
 * steps it stands for, and their mean `ms` and `rows`, so sums over steps (training time, rows) still add up.
 * The step records are ~99% of a long run's log; the curves drawn from the full log stay in its loss-curves.html.
 */
export function thinLog(from: string, to: string, every: number, upToStep = Infinity): { kept: number; of: number } {
  const records = readLogRecords(from).filter((r) => r.step <= upToStep);
  const byTask = new Map<string, number[]>(); // task -> indices of its step records
  records.forEach((r, i) => {
    if (r.kind !== 'step') return;
    const task = r.task ?? '';
    if (!byTask.has(task)) byTask.set(task, []);
    byTask.get(task)!.push(i);
  });
  const standIns = new Map<number, LogRecord>(); // index of a kept step record -> the record as kept
  for (const indices of byTask.values()) {
    const keptAt = indices.map((_, n) => n).filter((n) => n % every === 0 || n === indices.length - 1);
    keptAt.forEach((n, k) => {
      const group = indices.slice(n, keptAt[k + 1]).map((i) => records[i]);
      const r = records[indices[n]];
      standIns.set(indices[n], every > 1 ? { ...r, ...sumsOf(group) } : r);
    });
  }
  const kept = records.flatMap((r, i) => (r.kind !== 'step' ? [r] : standIns.has(i) ? [standIns.get(i)!] : []));
  writeLog(to, kept);
  return { kept: kept.length, of: records.length };
}

/** What a kept record says of the step records it stands for: how many, and their mean time and rows (so sums add up). */
function sumsOf(group: readonly LogRecord[]): Pick<LogRecord, 'every'> & Record<string, number> {
  const every = group.reduce((w, r) => w + stepWeight(r), 0);
  const mean = (field: string) => group.reduce((t, r) => t + Number(r[field]) * stepWeight(r), 0) / every;
  return { every, ...Object.fromEntries(SUMMED_FIELDS.filter((f) => typeof group[0][f] === 'number').map((f) => [f, mean(f)])) };
}

/** The step fields that tools sum over a run (compare-runs: step time, rows). */
const SUMMED_FIELDS = ['ms', 'rows'];

function writeLog(logFile: string, records: readonly LogRecord[]): void {
  fs.writeFileSync(logFile, records.map((r) => JSON.stringify(r) + '\n').join(''));
}
