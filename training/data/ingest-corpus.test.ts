import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeText } from '../../models/text';
import { decodeWav } from '../../models/wav';
import { heldOutSpeakers, ingestUserCorpus } from './ingest-corpus';
import type { Utterance } from './manifest';
import { runProcess } from './run-process';
import { splitOfSentence } from './sentence-split';
import { readLibritts, readLjspeech } from './user-corpus-layouts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meld-ingest-test-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A recording stand-in: espeak-ng at its native 22.05 kHz, so ingestion has to resample. */
async function record(file: string, text: string, voice: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await runProcess('espeak-ng', ['-v', voice, '-w', file], { input: text });
}

function readManifest(dir: string): Utterance[] {
  return fs
    .readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Utterance);
}

const SENTENCES = [
  'Dr. Smith paid $5 for the book.',
  'The weather was cold and the road was long.',
  'She walked into the garden and sat down.',
  'What a fine thing for our girls!',
  'Do you not want to know who has taken it?',
  'It is a truth universally acknowledged.',
];

describe('LJSpeech layout', () => {
  const source = path.join(root, 'lj');

  it('reads metadata.csv, preferring the normalised column', async () => {
    fs.mkdirSync(source, { recursive: true });
    const lines = SENTENCES.map((s, i) => `LJ001-000${i}|${s.toUpperCase()}|${s}`);
    fs.writeFileSync(path.join(source, 'metadata.csv'), `${lines.join('\n')}\n`);
    for (const [i, s] of SENTENCES.entries()) await record(path.join(source, 'wavs', `LJ001-000${i}.wav`), s, 'en-us');
    const clips = readLjspeech(source, 'lj');
    expect(clips).toHaveLength(6);
    expect(clips[0]).toMatchObject({ id: 'LJ001-0000', speaker: 'lj', text: SENTENCES[0] });
  });

  it('ingests into the corpus format: 16 kHz WAVs, normalised text, sentence-hash splits', async () => {
    const out = path.join(root, 'lj-corpus');
    const summary = await ingestUserCorpus({ layout: 'ljspeech', source, name: 'lj', outDir: out, workers: 2, log: () => {} });
    const manifest = readManifest(out);
    // A split that would hold fewer than 3 of the speaker's utterances is dropped as a whole.
    const splits = SENTENCES.map((s) => splitOfSentence(normalizeText(s)));
    const expected = splits.filter((split) => splits.filter((x) => x === split).length >= 3);
    expect(manifest.length).toBe(expected.length);
    expect(manifest.find((u) => u.id === 'lj-LJ001-0000')?.text).toBe('doctor smith paid five dollars for the book.');
    for (const u of manifest) {
      expect(u).toMatchObject({ speaker: 'lj', family: 'lj', engine: 'user' });
      expect(u.split).toBe(splitOfSentence(u.text));
      expect(u.phonemes.length).toBeGreaterThan(5);
      const wav = decodeWav(new Uint8Array(fs.readFileSync(path.join(out, u.wav))));
      expect(wav.sampleRate).toBe(16000);
      expect(u.mel.frames).toBe(1 + Math.floor(wav.channels[0].length / 256));
    }
    // One speaker: nothing can be held out whole.
    expect(summary.heldOutFamilies).toEqual([]);
    expect(summary.utterances.train).toBe(expected.filter((x) => x === 'train').length);
    expect(summary.droppedSpeakers?.length).toBe(new Set(splits).size - new Set(expected).size);
  });
});

describe('LibriTTS layout', () => {
  const source = path.join(root, 'libritts', 'train-clean-100');
  const speakers = ['19', '26', '27', '32', '39'];
  const voices = ['en-us', 'en-gb', 'en-us+f2', 'en-gb+m3', 'en-us+f4'];

  it('finds <speaker>/<chapter>/<id>.wav with <id>.normalized.txt', async () => {
    for (const [k, speaker] of speakers.entries()) {
      for (const [i, s] of SENTENCES.entries()) {
        const id = `${speaker}_198_00000${i}_00000${i}`;
        const dir = path.join(source, speaker, '198');
        await record(path.join(dir, `${id}.wav`), s, voices[k]);
        fs.writeFileSync(path.join(dir, `${id}.normalized.txt`), s);
        fs.writeFileSync(path.join(dir, `${id}.original.txt`), s);
      }
    }
    const clips = readLibritts(path.dirname(source));
    expect(clips).toHaveLength(speakers.length * SENTENCES.length);
    expect(new Set(clips.map((c) => c.speaker))).toEqual(new Set(speakers));
  });

  it('holds out whole speakers for the test split and never tests on a trained sentence', async () => {
    const out = path.join(root, 'libritts-corpus');
    const summary = await ingestUserCorpus({ layout: 'libritts', source, name: 'libritts', outDir: out, workers: 2, log: () => {} });
    const manifest = readManifest(out);
    const heldOut = heldOutSpeakers(speakers.map((s) => `libritts-${s}`));
    expect(heldOut.size).toBe(1);
    for (const u of manifest) {
      expect(u.split === 'test').toBe(heldOut.has(u.speaker));
      expect(fs.existsSync(path.join(out, u.wav))).toBe(true);
    }
    const trained = new Set(manifest.filter((u) => u.split === 'train').map((u) => u.text));
    expect(manifest.filter((u) => u.split === 'test' && trained.has(u.text))).toEqual([]);
    // Every speaker has >= 3 utterances in each split it appears in.
    const counts = new Map<string, number>();
    for (const u of manifest) counts.set(`${u.split}/${u.speaker}`, (counts.get(`${u.split}/${u.speaker}`) ?? 0) + 1);
    expect([...counts.values()].every((n) => n >= 3)).toBe(true);
    expect(summary.speakers.train).toBe(4);
    expect(summary.heldOutFamilies).toEqual([...heldOut]);
  });
});
