// The whole harness (ground-truth TTS + pocketsphinx STT and judge) on the tiny corpus. CI builds
// data/tiny first (npm run data -- --config tiny); without it or without Debian's pocketsphinx the
// test is skipped with a message saying what is missing.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDir, corpusExists } from './corpus';
import { evaluate } from './evaluate';
import { pocketsphinxAvailable } from './pocketsphinx';
import { registerTts } from './registry';
import type { EvalReport } from './results';

const TINY = corpusDir('tiny');
const missing = [
  corpusExists(TINY) ? undefined : `no corpus at ${TINY} (run: npm run data -- --config tiny)`,
  pocketsphinxAvailable() ? undefined : 'pocketsphinx is not installed (apt-get install -y pocketsphinx pocketsphinx-en-us)',
].filter(Boolean);
if (missing.length > 0) console.warn(`[eval harness test] skipped: ${missing.join('; ')}`);

const LIMIT = 12;

describe.skipIf(missing.length > 0)('npm run eval on data/tiny', () => {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'eval-report-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes a consistent report for ground-truth TTS and pocketsphinx STT', { timeout: 60_000 }, async () => {
    const { report, files } = await evaluate({
      corpusDir: TINY,
      config: 'tiny',
      tts: 'ground-truth',
      stt: 'pocketsphinx',
      limit: LIMIT,
      name: 'ground-truth',
      outDir,
    });
    const o = report.overall;
    expect(o.items).toBeGreaterThan(0);
    expect(o.items).toBeLessThanOrEqual(LIMIT);

    // Ground-truth TTS returns the truth itself: same transcript, ratio exactly 1, same speaker call.
    for (const item of report.items) {
      expect(item.tts).toBeDefined();
      expect(item.tts!.judge.transcript).toBe(item.groundTruth.judge.transcript);
      expect(item.tts!.durationRatio).toBe(1);
      expect(item.tts!.predictedSpeaker).toBe(item.groundTruth.predictedSpeaker);
      expect(item.promptId).not.toBe(item.id);
      // The STT system is the judge's recogniser on the same audio.
      expect(item.stt!.transcript).toBe(item.groundTruth.judge.transcript);
      expect(item.groundTruth.judge.words.reference).toBeGreaterThan(0);
    }
    expect(o.tts!.wer).toBe(o.groundTruth.wer);
    expect(o.stt!.wer).toBe(o.groundTruth.wer);
    // pocketsphinx recognises real speech: better than chance, with at least some words right.
    const matches = report.items.reduce((n, i) => n + i.groundTruth.judge.words.matches, 0);
    expect(matches).toBeGreaterThan(0);
    expect(o.groundTruth.wer).toBeLessThan(1.2);
    // Corpus WER is total errors over total reference words.
    const w = o.groundTruth.words;
    expect(o.groundTruth.wer).toBeCloseTo((w.substitutions + w.deletions + w.insertions) / w.reference, 12);
    // Each judge decode ran once: the STT and the TTS judge on identical audio share it.
    expect(report.timing.pocketsphinxDecodes).toBe(o.items);

    expect(Object.keys(report.perSpeaker).length).toBeGreaterThan(0);
    for (const file of ['eval.json', 'README.md', 'wer-per-voice.svg', 'speaker-id-per-voice.svg', 'duration-ratio.svg']) {
      expect(files).toContain(path.join(outDir, 'ground-truth', file));
      expect(existsSync(path.join(outDir, 'ground-truth', file))).toBe(true);
    }
    const json = JSON.parse(readFileSync(path.join(outDir, 'ground-truth', 'eval.json'), 'utf8')) as EvalReport;
    expect(json.items.length).toBe(o.items);
    expect(readFileSync(path.join(outDir, 'ground-truth', 'wer-per-voice.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(path.join(outDir, 'ground-truth', 'README.md'), 'utf8')).toContain('## Per held-out voice');
  });

  it('tells a prompt-copying TTS apart: the judge hears the prompt words, not the text', { timeout: 60_000 }, async () => {
    // A real failure mode of zero-shot TTS: it replays the prompt instead of speaking the text.
    registerTts('prompt-echo', () => ({ name: 'prompt-echo', synthesize: async (req) => req.promptAudio }));
    const { report } = await evaluate({ corpusDir: TINY, config: 'tiny', tts: 'prompt-echo', limit: LIMIT, name: 'echo' });
    const o = report.overall;
    expect(o.stt).toBeUndefined();
    expect(o.tts!.wer).toBeGreaterThan(o.groundTruth.wer);
    const byId = new Map(report.items.map((i) => [i.id, i]));
    let compared = 0;
    for (const item of report.items) {
      // The echo is the prompt utterance's own audio, so the judge hears exactly what it heard there.
      const promptItem = byId.get(item.promptId);
      if (promptItem) {
        expect(item.tts!.judge.transcript).toBe(promptItem.groundTruth.judge.transcript);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});
