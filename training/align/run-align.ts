// npm run align -- [--config tiny|small] [--data DIR] [--pairs N]
//
// Aligns a corpus's train and valid utterances (writing <corpus>/alignment.json, which the trainer
// reads) and measures how good the alignment is where the truth is known: N pairs of valid
// utterances of one speaker are joined end to end, and the aligner, with the unit model fitted on
// the training split (the one the trainer's alignment comes from), must find where the second begins. The linear diagonal (what the guide assumed before) is the baseline. Last, how the time-aligned
// layout's STT schedule (layout/aligned.ts) delays characters with one, two or three slots per step.

import { parseArgs } from 'node:util';
import { TRAIN_CONFIGS, modelConfigOf } from '../config';
import { loadCorpus } from '../data/dataset';
import { createRng } from '../../models/random';
import { PHONEME_VOCAB } from '../../models/text';
import { SILENCE, alignWith } from './alignment';
import { attachAlignments } from './cache';
import { charKeySteps, charWordSteps } from './targets';
import { sttSchedule } from '../layout/aligned';
import { linearPath } from '../../models/meld/align/viterbi';

const { values } = parseArgs({ options: { config: { type: 'string', default: 'small' }, data: { type: 'string' }, pairs: { type: 'string', default: '200' } } });
const t = TRAIN_CONFIGS[values.config as keyof typeof TRAIN_CONFIGS];
const c = modelConfigOf(t);
const dir = values.data ?? t.data;
const t0 = performance.now();
const train = loadCorpus(dir, ['train'], c, { maxSteps: t.maxSpeechSteps });
const valid = loadCorpus(dir, ['valid'], c, { maxSteps: t.maxSpeechSteps });
const report = attachAlignments([train, valid], c.nMels);
console.log(`aligned ${train.utterances.length} train + ${valid.utterances.length} valid utterances in ${((performance.now() - t0) / 1000).toFixed(1)} s${report.cached ? ' (cached)' : ''}; ${report.unaligned} kept linear`);
report.rounds.forEach((r, i) => console.log(`  round ${i + 1}: cost/step ${r.costPerStep.toFixed(2)}, steps changed ${(100 * r.changed).toFixed(1)}%, phonemes skipped ${(100 * r.skipped).toFixed(1)}%`));

// ---- where the truth is known: joined pairs ---------------------------------------------------
const rand = createRng(7);
const SPACE = PHONEME_VOCAB.indexOf(' ');
const pairs: { a: (typeof valid.utterances)[number]; b: (typeof valid.utterances)[number] }[] = [];
for (const ids of valid.bySpeaker.values()) {
  for (let i = 0; i + 1 < ids.length && pairs.length < Number(values.pairs); i += 2) pairs.push({ a: valid.utterances[ids[i]], b: valid.utterances[ids[i + 1]] });
}
const joined = pairs.map(({ a, b }) => {
  const mel = new Float32Array(a.mel.length + b.mel.length);
  mel.set(a.mel);
  mel.set(b.mel, a.mel.length);
  return { mel, steps: a.steps + b.steps, phonemeIds: [...a.phonemeIds, SPACE, ...b.phonemeIds] };
});
const joinedTokens = alignWith(report.model, joined);
const errors = { aligned: [] as number[], linear: [] as number[] };
pairs.forEach(({ a }, k) => {
  const tokens = joinedTokens[k];
  if (!tokens) throw new Error(`no alignment path fits joined pair ${k}`);
  const firstB = a.phonemeIds.length + 1;
  // The aligner's boundary: midway between the last step on a's tokens and the first on b's.
  let lastA = -1;
  let first = tokens.length;
  tokens.forEach((tok, s) => {
    if (tok !== SILENCE && tok < firstB - 1) lastA = s;
    if (tok !== SILENCE && tok >= firstB && first === tokens.length) first = s;
  });
  errors.aligned.push(Math.abs((lastA + 1 + first) / 2 - a.steps));
  // The linear diagonal: the step where a uniform spread of the phonemes reaches b's first phoneme.
  const lin = linearPath(tokens.length, joined[k].phonemeIds.length);
  errors.linear.push(Math.abs(lin.findIndex((p) => p >= firstB) - a.steps));
});
const stat = (x: number[]) => {
  const s = [...x].sort((p, q) => p - q);
  return `median ${s[Math.floor(s.length / 2)].toFixed(1)}, mean ${(x.reduce((p, q) => p + q, 0) / x.length).toFixed(2)}, p90 ${s[Math.floor(s.length * 0.9)].toFixed(1)} steps`;
};
console.log(`joined pairs (${pairs.length}, same speaker, valid split): boundary error aligned ${stat(errors.aligned)}; linear diagonal ${stat(errors.linear)}`);

// ---- the time-aligned STT layout: words matched, and how late characters come out --------------
// Characters arrive at ~0.87 per 64 ms step; with one character slot per step the backlog of a fast
// word must drain during the next ones, with two it clears within a step or two.
const all = [...train.utterances, ...valid.utterances];
const matched = all.map(charWordSteps);
const regrouped = matched.filter((m) => m?.regrouped).length;
console.log(`character words matched to phoneme words in ${matched.filter((m) => m).length} of ${all.length} utterances (${regrouped} with merged or split words; the one-to-one match covers ${all.filter((u) => charKeySteps(u)).length})`);
for (const slots of [1, 2, 3]) {
  const a = { lookahead: 2, maxAdvance: 4, maxDuration: 16, sttDelay: 0, sttSlots: slots };
  const lag: number[] = [];
  const tail: number[] = [];
  for (const u of all) {
    const ws = charWordSteps(u);
    if (!ws) continue;
    const s = sttSchedule(a, u, false);
    ws.words.forEach(([c0, c1], w) => { for (let k = c0; k < c1; k++) lag.push(s.rowOf[k] - Math.max(1, Math.ceil(ws.steps[w][1]))); });
    tail.push(s.rows - 1 - u.steps);
  }
  console.log(`  ${slots} character slot(s) per step: characters wait beyond their word's end ${stat(lag)}; rows after the audio ${stat(tail)}`);
}
