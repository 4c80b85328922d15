import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendLog, dropLogAfter, readLogRecords, stepWeight, stepsLogged, thinLog } from './runLog';

const tmpFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runlog-')), 'log.jsonl');

/** 41 steps alternating tasks (ms = 10 each), a validation every 10 steps. */
function fullLog(): string {
  const file = tmpFile();
  for (let step = 1; step <= 41; step++) {
    appendLog(file, { kind: 'step', step, task: step % 2 ? 'tts' : 'stt', ms: 10 });
    if (step % 10 === 0) appendLog(file, { kind: 'valid', step, kl: 1 });
  }
  return file;
}

describe('run logs', () => {
  it('thinning keeps every validation, 1 in n step records of each task and its last, each standing for the steps it replaces', () => {
    const full = fullLog();
    const thin = path.join(path.dirname(full), 'thin.jsonl');
    expect(thinLog(full, thin, 5)).toEqual({ kept: 4 + 5 + 5, of: 45 });
    const kept = readLogRecords(thin);
    expect(kept.filter((r) => r.kind === 'valid').map((r) => r.step)).toEqual([10, 20, 30, 40]);
    // tts: 21 records (steps 1..41 odd); stt: 20 (steps 2..40 even).
    expect(kept.filter((r) => r.task === 'tts').map((r) => [r.step, r.every])).toEqual([[1, 5], [11, 5], [21, 5], [31, 5], [41, 1]]);
    expect(kept.filter((r) => r.task === 'stt').map((r) => [r.step, r.every])).toEqual([[2, 5], [12, 5], [22, 5], [32, 4], [40, 1]]);
    expect(kept.map((r) => r.step)).toEqual([...kept.map((r) => r.step)].sort((a, b) => a - b));
    // Sums over steps still add up: 41 steps of 10 ms.
    const steps = kept.filter((r) => r.kind === 'step');
    expect(stepsLogged(kept)).toBe(41);
    expect(steps.reduce((n, r) => n + Number(r.ms) * stepWeight(r), 0)).toBe(410);
    // Thinning a thinned log keeps the sums.
    const thinner = path.join(path.dirname(full), 'thinner.jsonl');
    thinLog(thin, thinner, 2);
    expect(stepsLogged(readLogRecords(thinner))).toBe(41);
  });

  it('thinning stops at a checkpoint\'s step; 1 in 1 keeps the log as it is; task-less records (the vocoder\'s) count as one task', () => {
    const full = fullLog();
    const dir = path.dirname(full);
    thinLog(full, path.join(dir, 'upto.jsonl'), 5, 20);
    expect(Math.max(...readLogRecords(path.join(dir, 'upto.jsonl')).map((r) => r.step))).toBe(20);
    thinLog(full, path.join(dir, 'same.jsonl'), 1);
    expect(fs.readFileSync(path.join(dir, 'same.jsonl'), 'utf8')).toBe(fs.readFileSync(full, 'utf8'));
    const vocoder = tmpFile();
    for (let step = 1; step <= 7; step++) appendLog(vocoder, { kind: 'step', step, loss: 1 });
    thinLog(vocoder, path.join(dir, 'vocoder.jsonl'), 3);
    expect(readLogRecords(path.join(dir, 'vocoder.jsonl')).map((r) => [r.step, r.every])).toEqual([[1, 3], [4, 3], [7, 1]]);
    const empty = tmpFile();
    fs.writeFileSync(empty, '');
    expect(thinLog(empty, path.join(dir, 'empty.jsonl'), 3)).toEqual({ kept: 0, of: 0 });
  });

  it('a last line cut short by a killed run is left out; a bad line elsewhere is an error', () => {
    const file = tmpFile();
    appendLog(file, { kind: 'step', step: 1 });
    fs.appendFileSync(file, '{"kind":"step","st');
    expect(readLogRecords(file).map((r) => r.step)).toEqual([1]);
    dropLogAfter(file, 5); // rewrites the log without the cut line
    expect(fs.readFileSync(file, 'utf8')).toBe('{"kind":"step","step":1}\n');
    fs.writeFileSync(file, '{"kind":"step","st\n{"kind":"step","step":2}\n');
    expect(() => readLogRecords(file)).toThrow(/log.jsonl:1 is not a log record/);
  });

  it('a resumed run drops the steps it will redo', () => {
    const file = tmpFile();
    for (let step = 1; step <= 6; step++) appendLog(file, { kind: 'step', step });
    dropLogAfter(file, 4);
    expect(readLogRecords(file).map((r) => r.step)).toEqual([1, 2, 3, 4]);
  });
});
