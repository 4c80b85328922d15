// `npm run eval:vocoder -- [--config full] [--limit N] [--model DIR] [--name NAME]`
//
// The vocoders on ground truth: each held-out test recording's own log-mel (the mel front end) is
// vocoded back to audio by Griffin-Lim and by the shipped neural vocoder, both streamed in chunks
// exactly as the app streams them, and compared with the recording itself:
//   - intelligibility: pocketsphinx WER (and CER) of the original, Griffin-Lim and neural audio;
//   - spectral distance: mel-cepstral distortion (MFCC 1-12 of the log-mel, speech frames only);
//   - speed: real-time factor of each vocoder (onnxruntime-node and onnxruntime-web WASM for the graph).
// Writes reports/<name>/README.md and results.json.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { logMel } from '../../models/dsp';
import { type ErrorCounts, addCounts, emptyCounts, errorRate, scoreTranscript } from '../../models/metrics/wer';
import type { MeldGraphs } from '../../workers/meld/meldGraphs';
import { DEFAULT_MODEL_DIR, type NodeRuntime, loadModelFromDisk } from '../cli/nodeModel';
import { corpusDir, loadCorpus } from './corpus';
import { buildEvalItems } from './items';
import { mfccFromLogMel } from './mfcc';
import { pocketsphinxAvailable, pocketsphinxStt } from './pocketsphinx';
import { voiceActivity } from './silence';
import { vocodeStreamed } from './vocodeStreamed';

type SystemName = 'original' | 'griffin-lim' | 'neural';
const SYSTEMS: readonly SystemName[] = ['original', 'griffin-lim', 'neural'];
/** Mel-cepstral distortion in dB over the reference's speech frames (MFCC 1-12 of the log-mel). */
export function melCepstralDistortion(reference: Float32Array, test: Float32Array): { db: number; frames: number } {
  const a = mfccFromLogMel(logMel(reference), 13);
  const b = mfccFromLogMel(logMel(test), 13);
  const { speech, frameSec } = voiceActivity(reference);
  const frames = Math.min(a.frames, b.frames);
  let sum = 0;
  let n = 0;
  for (let t = 0; t < frames; t++) {
    if (!speech[Math.min(speech.length - 1, Math.floor((t * 256) / 16000 / frameSec))]) continue;
    let d = 0;
    for (let k = 1; k <= 12; k++) d += (a.data[t * 13 + k] - b.data[t * 13 + k]) ** 2;
    sum += (10 / Math.LN10) * Math.sqrt(2 * d);
    n++;
  }
  return { db: n ? sum / n : NaN, frames: n };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', default: 'full' },
      limit: { type: 'string', default: '100' },
      model: { type: 'string', default: DEFAULT_MODEL_DIR },
      name: { type: 'string' },
      out: { type: 'string', default: 'reports' },
    },
  });
  if (!pocketsphinxAvailable()) throw new Error("the judge needs Debian's pocketsphinx and pocketsphinx-en-us");
  const corpus = await loadCorpus(corpusDir(values.config));
  const items = buildEvalItems(corpus.utterances, Number(values.limit));
  const graphs: Record<NodeRuntime, MeldGraphs> = {
    'onnxruntime-node': await loadModelFromDisk(values.model),
    'onnxruntime-web': await loadModelFromDisk(values.model, { runtime: 'onnxruntime-web' }),
  };
  const g = graphs['onnxruntime-node'];
  if (g.vocoderKind !== 'neural') throw new Error(`${values.model} ships no neural vocoder: export one with npm run export after npm run train:vocoder`);
  const name = values.name ?? `vocoder-step-${g.manifest.vocoder!.training.step}`;
  const judge = pocketsphinxStt();

  const counts = Object.fromEntries(SYSTEMS.map((s) => [s, emptyCounts()])) as Record<SystemName, ErrorCounts>;
  const chars = Object.fromEntries(SYSTEMS.map((s) => [s, emptyCounts()])) as Record<SystemName, ErrorCounts>;
  const perFamily = new Map<string, Record<SystemName, ErrorCounts>>();
  const mcd = { 'griffin-lim': [] as number[], neural: [] as number[] };
  const time = { 'griffin-lim': 0, neural: 0, 'neural-web': 0, audio: 0 };
  const rows: object[] = [];
  for (const [i, item] of items.entries()) {
    const original = await corpus.readAudio(item.target);
    const gl = await vocodeStreamed(g, original, 'griffin-lim');
    const neural = await vocodeStreamed(g, original, 'neural');
    const neuralWeb = await vocodeStreamed(graphs['onnxruntime-web'], original, 'neural');
    time['griffin-lim'] += gl.seconds;
    time.neural += neural.seconds;
    time['neural-web'] += neuralWeb.seconds;
    time.audio += original.length / 16000;
    const audio: Record<SystemName, Float32Array> = { original, 'griffin-lim': gl.audio, neural: neural.audio };
    const family = perFamily.get(item.target.family) ?? (Object.fromEntries(SYSTEMS.map((s) => [s, emptyCounts()])) as Record<SystemName, ErrorCounts>);
    perFamily.set(item.target.family, family);
    const row: Record<string, unknown> = { id: item.target.id, family: item.target.family, text: item.target.text };
    for (const s of SYSTEMS) {
      const hyp = await judge.transcribe(audio[s]);
      const score = scoreTranscript(item.target.text, hyp);
      counts[s] = addCounts(counts[s], score.words.counts);
      chars[s] = addCounts(chars[s], score.chars);
      family[s] = addCounts(family[s], score.words.counts);
      row[s] = hyp;
    }
    for (const s of ['griffin-lim', 'neural'] as const) mcd[s].push(melCepstralDistortion(original, audio[s]).db);
    rows.push(row);
    process.stderr.write(`\r${i + 1}/${items.length} WER original ${pct(counts.original)} griffin-lim ${pct(counts['griffin-lim'])} neural ${pct(counts.neural)}`);
  }
  process.stderr.write('\n');
  await judge.dispose?.();
  for (const x of Object.values(graphs)) await x.release();

  const mean = (xs: number[]) => xs.filter(Number.isFinite).reduce((a, b) => a + b, 0) / Math.max(1, xs.filter(Number.isFinite).length);
  const results = {
    items: items.length,
    audioSeconds: +time.audio.toFixed(1),
    vocoder: g.manifest.vocoder,
    wer: Object.fromEntries(SYSTEMS.map((s) => [s, +(errorRate(counts[s]) * 100).toFixed(2)])),
    cer: Object.fromEntries(SYSTEMS.map((s) => [s, +(errorRate(chars[s]) * 100).toFixed(2)])),
    werPerFamily: Object.fromEntries([...perFamily].map(([f, c]) => [f, Object.fromEntries(SYSTEMS.map((s) => [s, +(errorRate(c[s]) * 100).toFixed(2)]))])),
    mcdDb: { 'griffin-lim': +mean(mcd['griffin-lim']).toFixed(2), neural: +mean(mcd.neural).toFixed(2) },
    rtf: {
      'griffin-lim (TypeScript)': +(time['griffin-lim'] / time.audio).toFixed(4),
      'neural (onnxruntime-node)': +(time.neural / time.audio).toFixed(4),
      'neural (onnxruntime-web WASM, 1 thread)': +(time['neural-web'] / time.audio).toFixed(4),
    },
    rows,
  };
  const dir = path.join(values.out, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results, null, 1) + '\n');
  const ratio = (s: SystemName) => (errorRate(counts[s]) / errorRate(counts.original)).toFixed(2);
  const md = `# Vocoders on ground-truth mels: ${name}

${items.length} held-out test recordings (${results.audioSeconds} s; voices never trained on, sentences held out),
each vocoded from its own log-mel and streamed in chunks as the app streams.
Reproduce: \`npm run eval:vocoder -- --config ${values.config} --limit ${values.limit}${values.model === DEFAULT_MODEL_DIR ? '' : ` --model ${values.model}`}\`.
Neural vocoder: step ${g.manifest.vocoder!.training.step}, ${g.manifest.vocoder!.training.trainHours} h of training.

| audio | pocketsphinx WER | vs original | CER | MCD (dB) | real-time factor |
| --- | --- | --- | --- | --- | --- |
| original recording | ${results.wer.original}% | 1.00x | ${results.cer.original}% | 0 | - |
| Griffin-Lim (32 iterations) | ${results.wer['griffin-lim']}% | ${ratio('griffin-lim')}x | ${results.cer['griffin-lim']}% | ${results.mcdDb['griffin-lim']} | ${results.rtf['griffin-lim (TypeScript)']} (TypeScript) |
| neural vocoder | ${results.wer.neural}% | ${ratio('neural')}x | ${results.cer.neural}% | ${results.mcdDb.neural} | ${results.rtf['neural (onnxruntime-node)']} (onnxruntime-node), ${results.rtf['neural (onnxruntime-web WASM, 1 thread)']} (onnxruntime-web WASM, 1 thread) |

Per voice family (WER original / Griffin-Lim / neural):

${[...perFamily.keys()].map((f) => `- ${f}: ${SYSTEMS.map((s) => `${results.werPerFamily[f][s]}%`).join(' / ')}`).join('\n')}

MCD: (10 / ln 10) * sqrt(2 * sum_k (c_k - c'_k)^2) over MFCC 1-12 of the natural-log mel, averaged over
the original's speech frames (energy VAD). Real-time factor: vocoder time / audio duration, on this
machine, with the other work it was running.
`;
  fs.writeFileSync(path.join(dir, 'README.md'), md);
  console.log(md);
}

function pct(c: ErrorCounts): string {
  return `${(errorRate(c) * 100).toFixed(1)}%`;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
