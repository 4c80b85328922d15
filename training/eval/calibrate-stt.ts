// npm run calibrate-stt -- [--checkpoint checkpoints/meld-v2/checkpoint.bin] [--data data/full] [--utterances 40] [--biases 0,1,2,3,4]
//
// The time-aligned STT's pad bias (models/meld/aligned.ts readSlots), chosen on validation speech:
// most character slots are pads, so a young model's greedy reading drops characters (its transcripts
// are mostly deletions). Decodes evenly spread utterances of the valid split with the training weights
// at each bias and prints word and character error rates; the bias with the lowest WER goes to
// `npm run export -- --stt-pad-bias B`, which records it in the manifest for the engine.

import { parseArgs } from 'node:util';
import { requireAlignedLayout } from '../../models/meld/config';
import { addCounts, emptyCounts, errorRate, scoreTranscript } from '../../models/metrics/wer';
import { loadCorpus } from '../data/dataset';
import { transcribeAligned } from '../layout/alignedSampler';
import { readCheckpointFile, restoreParams } from '../loop/checkpoint';
import type { CheckpointMeta } from '../loop/trainer';
import { initParams } from '../model/params';
import { initBackend } from '../tf/backend';

const { values } = parseArgs({
  options: {
    checkpoint: { type: 'string', default: 'checkpoints/meld-v2/checkpoint.bin' },
    data: { type: 'string', default: 'data/full' },
    utterances: { type: 'string', default: '40' },
    biases: { type: 'string', default: '0,1,2,3,4' },
  },
});

await initBackend('wasm');
const ck = readCheckpointFile<CheckpointMeta>(values.checkpoint);
const c = ck.meta.model;
requireAlignedLayout(c);
const params = initParams(c, ck.meta.seed);
restoreParams(ck, params);
const valid = loadCorpus(values.data, ['valid'], c).utterances;
const n = Math.min(Number(values.utterances), valid.length);
const picked = Array.from({ length: n }, (_, i) => valid[Math.floor((i * valid.length) / n)]);
const biases = values.biases.split(',').map(Number);

console.log(`step ${ck.meta.step}, ${n} valid utterances of ${valid.length}`);
console.log('| pad bias | WER | CER | S / D / I (words) |');
console.log('| --- | --- | --- | --- |');
let best = { bias: 0, wer: Infinity };
for (const bias of biases) {
  let words = emptyCounts();
  let chars = emptyCounts();
  for (const u of picked) {
    const score = scoreTranscript(u.text, transcribeAligned(c, params, u.mel, u.steps, bias));
    words = addCounts(words, score.words.counts);
    chars = addCounts(chars, score.chars);
  }
  const wer = errorRate(words);
  const pct = (k: number) => ((100 * k) / words.reference).toFixed(1);
  console.log(`| ${bias} | ${(100 * wer).toFixed(1)}% | ${(100 * errorRate(chars)).toFixed(1)}% | ${pct(words.substitutions)} / ${pct(words.deletions)} / ${pct(words.insertions)} |`);
  if (wer < best.wer) best = { bias, wer };
}
console.log(`lowest WER at pad bias ${best.bias}: npm run export -- --checkpoint ${values.checkpoint} --stt-pad-bias ${best.bias}`);
