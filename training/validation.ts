// Validation of a MELD checkpoint on fixed batches of the valid split: the loss terms, the guided
// attention's distance from the diagonal, and how much the model uses its text and audio.

import * as tf from '@tensorflow/tfjs';
import type { MeldConfig } from '../models/meld/config';
import { createRng } from '../models/random';
import type { TrainConfig } from './config';
import type { Corpus } from './dataset';
import type { Batch } from './model/batch';
import { type AlignmentStats, AlignmentProbe } from './model/alignmentProbe';
import { permuteSpeech, shufflePhonemes } from './model/conditioning';
import { type LossWeights, computeLoss } from './model/forward';
import type { AttentionSink } from './model/guide';
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
 * phoneme and sttPhoneme: the aligned phoneme CE of the TTS and STT speech rows (0 where its weight is 0).
 * The guided heads' alignment per task (model/alignmentProbe.ts): effective keys attended
 * (ttsKeys, sttKeys) and the most-attended key's distance from the diagonal in rows (ttsOff, sttOff)
 * and, on an aligned corpus, from the aligned key (ttsOffAligned, sttOffAligned).
 */
export function validate(c: MeldConfig, params: Params, batches: Batch[], seed: number, weights: LossWeights) {
  const sums = { tts: 0, kl: 0, recon: 0, eos: 0, phoneme: 0, stt: 0, sttPhoneme: 0, attnTts: 0, attnStt: 0, textGain: 0, audioGain: 0, nTts: 0, nStt: 0 };
  const rand = createRng(seed + 4242);
  const loss = (b: Batch, i: number, watch?: AttentionSink) => computeLoss(c, params, b, { dropoutSeed: seed + i, weights, watch });
  const probes: Record<Batch['task'], AlignmentProbe> = { tts: new AlignmentProbe(weights.guideLayers), stt: new AlignmentProbe(weights.guideLayers) };
  batches.forEach((b, i) =>
    tf.tidy(() => {
      const p = loss(b, i, probes[b.task].sink(b.T, b.guideSpans, b.guideTarget));
      if (b.task === 'tts') {
        sums.tts += p.total.dataSync()[0];
        sums.kl += p.kl.dataSync()[0];
        sums.recon += p.recon.dataSync()[0];
        sums.eos += p.eos.dataSync()[0];
        sums.phoneme += p.phoneme.dataSync()[0];
        sums.attnTts += p.attn.dataSync()[0];
        sums.textGain += loss(shufflePhonemes(c, b, rand), i).kl.dataSync()[0] - p.kl.dataSync()[0];
        sums.nTts++;
      } else {
        sums.stt += p.text.dataSync()[0];
        sums.sttPhoneme += p.phoneme.dataSync()[0];
        sums.attnStt += p.attn.dataSync()[0];
        sums.audioGain += loss(permuteSpeech(c, b, rand), i).text.dataSync()[0] - p.text.dataSync()[0];
        sums.nStt++;
      }
    }),
  );
  const [tts, stt] = [probes.tts.stats(), probes.stt.stats()];
  const a = (s: AlignmentStats, v: number) => (s.rows ? +v.toFixed(4) : null);
  const al = (s: AlignmentStats) => (s.alignedRows ? +s.offAligned.toFixed(4) : null);
  const m = (x: number, n: number) => (n ? +(x / n).toFixed(4) : null);
  return { tts: m(sums.tts, sums.nTts), kl: m(sums.kl, sums.nTts), recon: m(sums.recon, sums.nTts), eos: m(sums.eos, sums.nTts), phoneme: m(sums.phoneme, sums.nTts), stt: m(sums.stt, sums.nStt), sttPhoneme: m(sums.sttPhoneme, sums.nStt),
    attnTts: m(sums.attnTts, sums.nTts), attnStt: m(sums.attnStt, sums.nStt), textGain: m(sums.textGain, sums.nTts), audioGain: m(sums.audioGain, sums.nStt),
    ttsKeys: a(tts, tts.keys), ttsOff: a(tts, tts.offDiagonal), sttKeys: a(stt, stt.keys), sttOff: a(stt, stt.offDiagonal),
    ttsOffAligned: al(tts), sttOffAligned: al(stt) };
}
