// Validation of a MELD checkpoint on fixed batches of the valid split: the loss terms, the guided
// attention's distance from the diagonal, and how much the model uses its text and audio.

import * as tf from '@tensorflow/tfjs';
import type { MeldConfig } from '../../models/meld/config';
import { createRng } from '../../models/random';
import type { TrainConfig } from '../config';
import type { Corpus, TrainUtterance } from '../data/dataset';
import type { Batch } from '../model/batch';
import { type AlignmentStats, AlignmentProbe } from '../model/alignmentProbe';
import { permuteSpeech, relabelStreamPhonemes, shiftSpeechPositions, shufflePhonemes } from '../model/conditioning';
import { align, errorCount } from '../../models/metrics/wer';
import { decodeChars } from '../../models/text';
import { transcribeAligned } from '../layout/alignedSampler';
import { transcribe } from '../model/sampler';
import { type LossWeights, computeLoss } from '../model/forward';
import type { AttentionSink } from '../model/guide';
import type { Params } from '../model/params';
import { BatchStream } from '../data/stream';

/** The fixed validation batches of a run: the same every validation, alternating TTS and STT. */
export function validationBatches(valid: Corpus, c: MeldConfig, t: TrainConfig, seed: number): Batch[] {
  const opts = { seed: seed + 1, maxRows: t.maxRows, maxBatch: t.maxBatch, maxSpeechSteps: t.maxSpeechSteps, promptRate: t.promptRate };
  const tts = new BatchStream(valid, c, { ...opts, task: 'tts' });
  const stt = new BatchStream(valid, c, { ...opts, task: 'stt' });
  const out: Batch[] = [];
  for (let i = 0; i < t.evalBatches; i++) out.push(i % 2 === 0 ? tts.next() : stt.next());
  return out;
}

/** How far the position ablation moves the speech rows (posGain): the step-6000 probe's +25. */
const POSITION_SHIFT = 25;

/** Valid utterances whose greedy transcripts validation scores (CER): a fixed spread over the split. */
const CER_ITEMS = 8;

export function cerItems(valid: Corpus): TrainUtterance[] {
  const n = valid.utterances.length;
  const k = Math.min(CER_ITEMS, n);
  return Array.from({ length: k }, (_, i) => valid.utterances[Math.floor((i * n) / k)]);
}

/** Greedy transcripts of the items against their texts: character error rate (edits / reference characters). */
export function greedyCer(c: MeldConfig, params: Params, items: readonly TrainUtterance[]): number {
  let errors = 0;
  let chars = 0;
  for (const u of items) {
    const hyp = c.layout === 'aligned' ? transcribeAligned(c, params, u.mel, u.steps) : transcribe(c, params, u.mel, u.steps);
    const ref = decodeChars(u.charIds);
    errors += errorCount(align([...ref], [...hyp]).counts);
    chars += ref.length;
  }
  return errors / Math.max(chars, 1);
}

/** What each gap set reports: the same figures on training, held-out training and validation utterances. */
export interface GapFigures {
  kl: number | null;
  stt: number | null;
  sttPhoneme: number | null;
  cer: number | null;
}

/** TTS KL, STT CE, STT phoneme CE over batches, and greedy CER over items: one gap set's figures (no ablations, so cheap). */
export function gapFigures(c: MeldConfig, params: Params, batches: Batch[], seed: number, weights: LossWeights, items: readonly TrainUtterance[]): GapFigures {
  const sums = { kl: 0, stt: 0, sttPhoneme: 0, nTts: 0, nStt: 0 };
  batches.forEach((b, i) =>
    tf.tidy(() => {
      const p = computeLoss(c, params, b, { dropoutSeed: seed + i, weights });
      if (b.task === 'tts') {
        sums.kl += p.kl.dataSync()[0];
        sums.nTts++;
      } else {
        sums.stt += p.text.dataSync()[0];
        sums.sttPhoneme += p.phoneme.dataSync()[0];
        sums.nStt++;
      }
    }),
  );
  const m = (x: number, n: number) => (n ? +(x / n).toFixed(4) : null);
  return { kl: m(sums.kl, sums.nTts), stt: m(sums.stt, sums.nStt), sttPhoneme: m(sums.sttPhoneme, sums.nStt), cer: items.length > 0 ? +greedyCer(c, params, items).toFixed(4) : null };
}

/** `prefix` + capitalised key for each figure: {kl, stt} -> {trainKl, trainStt}, for the flat log. */
export function prefixed(prefix: string, figures: GapFigures): Record<string, number | null> {
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [prefix + k[0].toUpperCase() + k.slice(1), v]));
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
export function validate(c: MeldConfig, params: Params, batches: Batch[], seed: number, weights: LossWeights, sttItems: readonly TrainUtterance[] = []) {
  const sums = { tts: 0, kl: 0, recon: 0, eos: 0, phoneme: 0, phonemeAcc: 0, advance: 0, posGain: 0, stt: 0, sttPhoneme: 0, attnTts: 0, attnStt: 0, textGain: 0, audioGain: 0, nTts: 0, nStt: 0 };
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
        sums.phonemeAcc += p.phonemeAcc.dataSync()[0];
        sums.advance += p.advance.dataSync()[0];
        sums.posGain += loss(shiftSpeechPositions(b, POSITION_SHIFT, c.maxPositions), i).kl.dataSync()[0] - p.kl.dataSync()[0];
        sums.attnTts += p.attn.dataSync()[0];
        const scrambled = b.stream ? relabelStreamPhonemes(c, b, rand) : shufflePhonemes(c, b, rand);
        sums.textGain += loss(scrambled, i).kl.dataSync()[0] - p.kl.dataSync()[0];
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
  const cer = sttItems.length > 0 ? +greedyCer(c, params, sttItems).toFixed(4) : null;
  return { tts: m(sums.tts, sums.nTts), kl: m(sums.kl, sums.nTts), recon: m(sums.recon, sums.nTts), eos: m(sums.eos, sums.nTts), phoneme: m(sums.phoneme, sums.nTts),
    phonemeAcc: m(sums.phonemeAcc, sums.nTts), advance: m(sums.advance, sums.nTts), posGain: m(sums.posGain, sums.nTts), cer,
    stt: m(sums.stt, sums.nStt), sttPhoneme: m(sums.sttPhoneme, sums.nStt),
    attnTts: m(sums.attnTts, sums.nTts), attnStt: m(sums.attnStt, sums.nStt), textGain: m(sums.textGain, sums.nTts), audioGain: m(sums.audioGain, sums.nStt),
    ttsKeys: a(tts, tts.keys), ttsOff: a(tts, tts.offDiagonal), sttKeys: a(stt, stt.keys), sttOff: a(stt, stt.offDiagonal),
    ttsOffAligned: al(tts), sttOffAligned: al(stt) };
}
