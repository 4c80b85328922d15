// Recording an evaluation into a manifest, on a committed report and the shipped manifest.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { modelQuality } from '../../models/meld/manifest';
import { measuredQuality, readManifest, recordQuality } from './record-quality';
import type { EvalReport } from './results';

const REPORT: EvalReport = JSON.parse(fs.readFileSync('reports/meld-step-5464/eval.json', 'utf8'));
const dirs: string[] = [];

function modelDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-quality-'));
  dirs.push(dir);
  // The shipped manifest as an export writes it: without an evaluation.
  const { quality: _, ...exported } = readManifest('public/models/meld');
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(exported));
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('eval --record', () => {
  it('takes the corpus-level figures of the report', () => {
    const q = measuredQuality(REPORT, path.join('reports', 'meld-step-5464'));
    expect(q.report).toBe('reports/meld-step-5464');
    expect(q.items).toBe(20);
    expect(q.groundTruthWer).toBeCloseTo(39 / 185, 6);
    expect(q.tts.judgeWer).toBeCloseTo(198 / 185, 6);
    expect(q.tts.durationRatio).toBeCloseTo(0.9075, 4);
    expect(q.tts.longSilenceShare).toBe(0);
    expect(q.stt.wer).toBeCloseTo(REPORT.overall.stt!.wer, 9);
  });

  it('needs both a TTS and an STT evaluation', () => {
    const { stt: _, ...ttsOnly } = REPORT.overall;
    expect(() => measuredQuality({ ...REPORT, overall: ttsOnly }, 'r')).toThrow(/both a TTS and an STT/);
  });

  it('writes the figures into the manifest, keeping everything else', () => {
    const dir = modelDir();
    const before = readManifest(dir);
    recordQuality(dir, before, measuredQuality(REPORT, 'reports/meld-step-5464'));
    const after = readManifest(dir);
    expect({ ...after, quality: undefined }).toEqual({ ...before, quality: undefined });
    expect(modelQuality(after).kind).toBe('below-bars');
    expect(fs.readdirSync(dir)).toEqual(['manifest.json']);
  });

  it('refuses when the model was exported again during the evaluation', () => {
    const dir = modelDir();
    const before = readManifest(dir);
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...before, training: { ...before.training, exportedAt: 'later' } }));
    expect(() => recordQuality(dir, before, measuredQuality(REPORT, 'r'))).toThrow(/exported again/);
    expect(readManifest(dir).quality).toBeUndefined();
  });
});
