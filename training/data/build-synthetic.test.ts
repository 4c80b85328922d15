// End to end: a very small synthetic corpus into a temp dir, checked against its own files, then
// resumed after a simulated kill.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AUDIO } from '../../models/config/audio';
import { logMel, MelStatsAccumulator, type MelStats } from '../../models/dsp';
import { decodeWav } from '../../models/wav';
import { buildSyntheticCorpus } from './build-synthetic';
import { CONFIGS, type CorpusConfig } from './corpus-config';
import type { CorpusSummary, Utterance } from './manifest';
import { splitOfSentence } from './sentence-split';
import { HELD_OUT_FAMILIES } from './voices';

const CONFIG: CorpusConfig = {
  ...CONFIGS.tiny,
  name: 'e2e',
  espeak: { speakers: 2, utterances: 3, channelShare: 1 },
  natural: [{ voices: ['flite-rms'], cleanUtterances: 3, augmentedSpeakers: 1, augmentedUtterances: 3 }],
  valid: { espeakSpeakers: 0, augmentedSpeakers: 0, utterances: 3 },
  test: { voices: ['mbrola-us2'], utterances: 3 },
  batchSize: 2,
  shardBytes: 40 * 80 * 4 * 10, // ~10 short clips per shard, so the test crosses shard boundaries
};

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meld-build-test-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const quiet = () => {};

function readCorpus(dir: string): { manifest: Utterance[]; stats: MelStats; summary: CorpusSummary } {
  const manifest = fs
    .readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Utterance);
  const json = <T>(name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as T;
  return { manifest, stats: json<MelStats>('mel-stats.json'), summary: json<CorpusSummary>('summary.json') };
}

function framesOf(dir: string, u: Utterance): Float32Array {
  const bytes = fs.readFileSync(path.join(dir, u.mel.shard));
  const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return all.slice(u.mel.offset * AUDIO.nMels, (u.mel.offset + u.mel.frames) * AUDIO.nMels);
}

describe('synthetic corpus build', () => {
  const dir = path.join(root, 'e2e');

  it('builds manifest, WAVs, shards, stats and summary that agree with each other', async () => {
    await buildSyntheticCorpus(CONFIG, { outDir: dir, workers: 2, log: quiet });
    const { manifest, stats, summary } = readCorpus(dir);
    expect(manifest).toHaveLength(18);
    expect(new Set(manifest.map((u) => u.mel.shard)).size).toBeGreaterThan(1);

    const train = new MelStatsAccumulator();
    for (const u of manifest) {
      const wav = decodeWav(new Uint8Array(fs.readFileSync(path.join(dir, u.wav))));
      const samples = wav.channels[0];
      expect(wav.sampleRate).toBe(16000);
      expect(wav.channels).toHaveLength(1);
      expect(u.durationSec).toBeCloseTo(samples.length / 16000, 6);
      expect(u.mel.frames).toBe(1 + Math.floor(samples.length / 256));
      // The shard holds exactly the log-mel of the WAV on disk.
      const frames = framesOf(dir, u);
      expect(frames).toEqual(logMel(samples).data);
      if (u.split === 'train') train.add(frames);
      expect(u.split).toBe(splitOfSentence(u.text));
      expect(u.phonemes).toMatch(/[ˈəɪ]/);
    }
    const expected = train.finalize();
    stats.mean.forEach((m, b) => expect(m).toBeCloseTo(expected.mean[b], 9));
    stats.std.forEach((s, b) => expect(s).toBeCloseTo(expected.std[b], 9));

    const test = manifest.filter((u) => u.split === 'test');
    expect(test.every((u) => HELD_OUT_FAMILIES.includes(u.family) && u.speaker === 'mbrola-us2' && u.engine === 'mbrola')).toBe(true);
    expect(manifest.filter((u) => u.split !== 'test').some((u) => HELD_OUT_FAMILIES.includes(u.family))).toBe(false);
    expect(summary.utterances).toEqual({ train: 12, valid: 3, test: 3 });
    expect(summary.speakers).toEqual({ train: 4, valid: 1, test: 1 });
    expect(summary.perFamily['cmu-rms']).toMatchObject({ utterances: 9, speakers: 2, split: 'mixed' });
    expect(summary.perFamily['mbrola-us2']).toMatchObject({ utterances: 3, speakers: 1, split: 'test' });
    const hours = manifest.reduce((h, u) => h + u.durationSec, 0) / 3600;
    expect(summary.hours.train + summary.hours.valid + summary.hours.test).toBeCloseTo(hours, 2);
  });

  it('resumes after a kill: keeps finished clips, redoes the lost ones, ends with the same corpus', async () => {
    const before = readCorpus(dir);
    // A kill mid-write: the last two log lines are lost (one cut in half) and the shard has a tail.
    const log = path.join(dir, 'build', 'clips.jsonl');
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
    fs.writeFileSync(log, `${lines.slice(0, -2).join('\n')}\n${lines[lines.length - 2].slice(0, 30)}`);
    const lastShard = [...new Set(before.manifest.map((u) => u.mel.shard))].sort().pop()!;
    fs.appendFileSync(path.join(dir, lastShard), Buffer.alloc(80 * 4 * 7, 1));
    fs.rmSync(path.join(dir, 'manifest.jsonl'));

    const logged: string[] = [];
    await buildSyntheticCorpus(CONFIG, { outDir: dir, workers: 2, log: (l) => logged.push(l) });
    expect(logged.find((l) => l.startsWith('plan:'))).toMatch(/16 already made, 2 to make/);
    const after = readCorpus(dir);
    expect(after.manifest).toEqual(before.manifest);
    expect(after.stats).toEqual(before.stats);

    // A finished corpus re-run makes nothing.
    const again: string[] = [];
    await buildSyntheticCorpus(CONFIG, { outDir: dir, workers: 1, log: (l) => again.push(l) });
    expect(again.find((l) => l.startsWith('plan:'))).toMatch(/18 already made, 0 to make/);
    expect(readCorpus(dir).manifest).toEqual(before.manifest);
  });

  it('is deterministic: a fresh build with the same seed gives identical audio and frames', async () => {
    const other = path.join(root, 'again');
    await buildSyntheticCorpus(CONFIG, { outDir: other, workers: 1, log: quiet });
    const a = readCorpus(dir).manifest;
    const b = readCorpus(other).manifest;
    expect(b).toEqual(a);
    for (const u of a) expect(fs.readFileSync(path.join(other, u.wav))).toEqual(fs.readFileSync(path.join(dir, u.wav)));
  });
});
