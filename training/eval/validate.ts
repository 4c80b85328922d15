// npm run validate -- [--checkpoint checkpoints/meld-v2/checkpoint.bin] [--data DIR] [--aligned]
//
// The validation the trainer runs every few hundred steps, on any checkpoint: loss terms, guided
// attention distance and sharpness, and whether the model uses its text (textGain) and its audio (audioGain).

import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { readCheckpointFile, restoreParams } from '../loop/checkpoint';
import { lossWeights } from '../config';
import { attachAlignments } from '../align/cache';
import { loadCorpus } from '../data/dataset';
import { initParams } from '../model/params';
import { initBackend } from '../tf/backend';
import type { CheckpointMeta } from '../loop/trainer';
import { validate, validationBatches } from './validation';

const { values } = parseArgs({
  options: { checkpoint: { type: 'string', default: 'checkpoints/meld-v2/checkpoint.bin' }, data: { type: 'string' }, aligned: { type: 'boolean', default: false } },
});
const file = values.checkpoint;
if (!fs.existsSync(file)) {
  console.error(`no checkpoint at ${file}: train one with npm run train`);
  process.exit(2);
}
await initBackend('wasm');
const ck = readCheckpointFile<CheckpointMeta>(file);
const t = { ...ck.meta.train, ...(values.data ? { data: values.data } : {}) };
const c = ck.meta.model;
const params = initParams(c, ck.meta.seed);
restoreParams(ck, params);
// With the model's own mel statistics: another corpus (--data) is read as the model was trained.
const stats = ck.meta.melStats;
const valid = loadCorpus(t.data, ['valid'], c, { maxSteps: t.maxSpeechSteps, stats });
if (valid.utterances.length === 0) throw new Error(`no valid split in ${t.data}: build the corpus with npm run data`);
// The alignment is fitted on the training split. A run trained with it is validated with it, as
// the trainer does; --aligned adds it to any other run, so the probe also says how far its guided
// heads are from the aligned keys.
if (values.aligned || (t.guideAlignedRows ?? 0) > 0) attachAlignments([loadCorpus(t.data, ['train'], c, { maxSteps: t.maxSpeechSteps, stats }), valid], c.nMels);
const result = validate(c, params, validationBatches(valid, c, t, ck.meta.seed), ck.meta.seed, lossWeights(t));
console.log(JSON.stringify({ checkpoint: file, step: ck.meta.step, ...result }));
