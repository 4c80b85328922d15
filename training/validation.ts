// Validation of a MELD checkpoint on fixed batches of the valid split: the loss terms, the guided
// attention's distance from the diagonal, and how much the model uses its text and audio.

import * as tf from '@tensorflow/tfjs';
import type { MeldConfig } from '../models/meld/config';
import { createRng } from '../models/random';
import type { TrainConfig } from './config';
import type { Corpus } from './dataset';
import type { Batch } from './model/batch';
import { permuteSpeech, shufflePhonemes } from './model/conditioning';
import { type AlignmentStats, AlignmentProbe, mergeAlignment } from './model/alignmentProbe';
import { type LossWeights, computeLoss, dropoutMasks, trunk } from './model/forward';
import type { Params } from './model/params';
import { BatchStream } from './stream';

/** The fixed validation batches of a run: the same every validation, alternating TTS and STT. */
export function validationBatches(valid: Corpus, c: MeldConfig, t: TrainConfig, seed: number): Batch[] {
  const opts = { seed: seed + 1, maxRows: t.maxRows, maxBatch: t.maxBatch, maxSpeechSteps: t.maxSpeechSteps, promptRate: t.promptRate };
  const tts = new BatchStream(valid, c, { ...opts, task: 'tts' });
  const stt = new BatchStream(valid, c, { ...opts, task: 'stt' });
  const out: Batch[] = [];
  for (let i = 0; i < t.evalBatches; i++) out.push(i % 2 === 0 ? tts.next() : stt.next());
  return out;
}

/**
 * Mean loss terms over fixed validation batches (dropout masks seeded, no gradient), and how much
 * the model uses its conditioning: textGain = KL with each sequence's phonemes shuffled minus the
 * KL, audioGain = STT CE with the speech rows permuted minus the CE (model/conditioning.ts).
 * The guided heads' alignment per task (model/alignmentProbe.ts): effective keys attended
 * (ttsKeys, sttKeys) and the most-attended key's distance from the diagonal in rows (ttsOff, sttOff).
 */
export function validate(c: MeldConfig, params: Params, batches: Batch[], seed: number, weights: LossWeights) {
  const sums = { tts: 0, kl: 0, recon: 0, eos: 0, stt: 0, attnTts: 0, attnStt: 0, textGain: 0, audioGain: 0, nTts: 0, nStt: 0 };
  const rand = createRng(seed + 4242);
  const loss = (b: Batch, i: number) => computeLoss(c, params, b, { dropoutSeed: seed + i, weights });
  const align: Record<Batch['task'], AlignmentStats[]> = { tts: [], stt: [] };
  const probe = (b: Batch, i: number) => {
    const p = new AlignmentProbe(weights.guideLayers, b.T, b.guideSpans);
    const keep = b.task === 'tts' ? dropoutMasks(b.B * b.T, c.prenetHidden, c.prenetDropout, seed + i) : null;
    trunk(c, params, b, keep, p);
    align[b.task].push(p.stats());
  };
  batches.forEach((b, i) =>
    tf.tidy(() => {
      const p = loss(b, i);
      if (b.task === 'tts') {
        sums.tts += p.total.dataSync()[0];
        sums.kl += p.kl.dataSync()[0];
        sums.recon += p.recon.dataSync()[0];
        sums.eos += p.eos.dataSync()[0];
        sums.attnTts += p.attn.dataSync()[0];
        sums.textGain += loss(shufflePhonemes(c, b, rand), i).kl.dataSync()[0] - p.kl.dataSync()[0];
        sums.nTts++;
      } else {
        sums.stt += p.text.dataSync()[0];
        sums.attnStt += p.attn.dataSync()[0];
        sums.audioGain += loss(permuteSpeech(c, b, rand), i).text.dataSync()[0] - p.text.dataSync()[0];
        sums.nStt++;
      }
      probe(b, i);
    }),
  );
  const [tts, stt] = [mergeAlignment(align.tts), mergeAlignment(align.stt)];
  const m = (x: number, n: number) => (n ? +(x / n).toFixed(4) : null);
  return { tts: m(sums.tts, sums.nTts), kl: m(sums.kl, sums.nTts), recon: m(sums.recon, sums.nTts), eos: m(sums.eos, sums.nTts), stt: m(sums.stt, sums.nStt),
    attnTts: m(sums.attnTts, sums.nTts), attnStt: m(sums.attnStt, sums.nStt), textGain: m(sums.textGain, sums.nTts), audioGain: m(sums.audioGain, sums.nStt),
    ttsKeys: m(tts.keys, tts.rows && 1), ttsOff: m(tts.offDiagonal, tts.rows && 1), sttKeys: m(stt.keys, stt.rows && 1), sttOff: m(stt.offDiagonal, stt.rows && 1) };
}
