// Zero-shot TTS in the time-aligned layout (models/meld/aligned.ts) with the exported graphs:
//   <TTS> | prompt steps, each with the prompt's units at its time | generated steps, each with the
//   target's units where the walker stands
// The voice prompt is force-aligned to its transcript first (the aligner's unit model ships in the
// manifest). Each step samples its latent codes (one, or one per mel frame; top-k, top-p, repetition
// penalty) and how far to move on in the text; <EOS> is only possible in the trailing silence, so no
// word is skipped or cut off. A voice-summary model adds the prompt's voice to every row and step.

import { deserializeUnitModel } from '../../models/meld/align/viterbi';
import { alignWith } from '../../models/meld/align/forcedAlign';
import { UnitWalker, phonemeUnits, stepUnits, streamLayout, ttsStreamIds } from '../../models/meld/aligned';
import { CodeSampler, SlotCodeSampler } from '../../models/meld/codeSampler';
import { latentsPerStep } from '../../models/meld/config';
import { ttsStepLimit } from '../../models/meld/limits';
import { buildVocab } from '../../models/meld/vocab';
import { sampleLogits } from '../../models/sampling';
import { MeldError } from './errors';
import { audioToSteps } from './frontend';
import type { KvCache } from './kvCache';
import type { MeldGraphs } from './meldGraphs';
import { StepAudio } from './stepAudio';
import { MIN_PROMPT_STEPS, type TtsEvent, type TtsRequest, type TtsResult, ttsInputs, ttsResult } from './ttsRequest';

export async function synthesizeAlignedWith(g: MeldGraphs, req: TtsRequest, onEvent: (e: TtsEvent) => void, cache: KvCache, t0: number): Promise<TtsResult> {
  const c = g.config;
  const a = c.aligned;
  if (c.layout !== 'aligned' || !a || !g.manifest.alignment) throw new Error('this model has no time-aligned layout or no aligner unit model');
  const l = streamLayout(a);
  const v = buildVocab(c.codebookSize);
  const { sampling, rand, mask, target, promptText } = await ttsInputs(g, req);
  const guard = ttsStepLimit(target.ids.length);
  const promptBudget = c.maxPositions - 1 - guard;
  if (promptBudget < MIN_PROMPT_STEPS) throw new MeldError({ kind: 'text', reason: 'too-long' }, `the text is too long for one pass (${target.ids.length} phonemes): split it into sentences`);
  const prompt = audioToSteps(req.prompt.audio, g.manifest, Math.min(promptBudget, Math.round(((req.maxPromptSeconds ?? 8) * 16000) / 256 / c.framesPerStep)));

  // (The transcript takes no rows in this layout: only the text's length guard and the prompt share the positions.)
  // The prompt's units at each of its steps, from the forced aligner (evenly spread if no path fits).
  const pu = phonemeUnits(promptText.ids);
  const [tokens] = alignWith(deserializeUnitModel(g.manifest.alignment), [{ mel: prompt.data, steps: prompt.count, phonemeIds: promptText.ids }]);
  const at = stepUnits(tokens, prompt.count, pu);
  const walker = new UnitWalker(phonemeUnits(target.ids).ids);

  // Prefill: <TTS> and the prompt's steps; each row carries the stream of the step it predicts.
  const rows = 1 + prompt.count;
  const stream = new Int32Array(rows * l.width);
  let duration = 0;
  for (let r = 0; r < rows; r++) {
    if (r < prompt.count) {
      duration = r > 0 && at[r] === at[r - 1] ? duration + 1 : 0;
      ttsStreamIds(l, pu.ids, at[r], duration, a.maxDuration, stream, r * l.width);
    } else walker.streamIds(l, a.maxDuration, stream, r * l.width);
  }
  const features = new Float32Array(rows * c.dModel);
  features.set(await g.encode(prompt.data, prompt.count, mask(prompt.count), mask(prompt.count)), c.dModel);
  const voice = (await g.voiceOf(prompt.data, prompt.count)) ?? undefined;
  let out = await g.lm({
    tokenIds: [v.tts, ...new Array<number>(prompt.count).fill(0)], features, isSpeech: [0, ...new Array<number>(prompt.count).fill(1)],
    stream, positions: Int32Array.from({ length: rows }, (_, i) => i), voice,
  }, cache);
  const last = (x: Float32Array, width: number): Float32Array => x.slice((x.length / width - 1) * width);
  let h: Float32Array = last(out.h, c.dModel);
  let logits: Float32Array = last(out.ttsLogits, c.codebookSize + 1);
  let advance: Float32Array = last(out.advanceLogits!, a.maxAdvance + 1);
  const L = latentsPerStep(c);
  let slotLogits: Float32Array | null = L > 1 ? last(out.latentLogits!, (L - 1) * c.codebookSize) : null;

  const audio = new StepAudio(g, req.seed ?? 0, t0, (samples) => onEvent({ type: 'audio', samples }), (steps, seconds) => onEvent({ type: 'progress', steps, seconds }));
  const chooser = new CodeSampler(sampling, rand, target.ids.length);
  const slots = L > 1 ? new SlotCodeSampler(sampling, rand, L - 1, c.codebookSize, await g.slotTransitions()) : null;
  const codes: number[] = [];
  let stoppedBy: TtsResult['stoppedBy'] = 'length-guard';
  const row = new Int32Array(l.width);
  for (let t = 0; t < guard && !walker.exhausted; t++) {
    // A stop ends the run but keeps (and finishes vocoding) what was made, as in the prefix layout.
    if (req.signal?.aborted) {
      stoppedBy = 'stopped';
      break;
    }
    const choice = chooser.next(walker.maskEos(logits));
    if (choice.eos) {
      stoppedBy = 'eos';
      break;
    }
    const stepCodes = [choice.code, ...(slots && slotLogits ? slots.next(slotLogits, choice.code) : [])];
    codes.push(...stepCodes);
    // Durations are sampled from the whole distribution (top-k/top-p are for the latent codes).
    walker.advance(sampleLogits(advance, { topK: advance.length, topP: 1, temperature: 1, repetitionPenalty: 0 }, rand).index);
    walker.streamIds(l, a.maxDuration, row);
    const step = await g.recon(stepCodes, h, mask(1), mask(1), voice);
    await audio.push(step.steps);
    out = await g.lm({ tokenIds: [0], features: step.features, isSpeech: [1], stream: row, positions: Int32Array.of(cache.length), voice }, cache);
    h = out.h;
    logits = out.ttsLogits;
    advance = out.advanceLogits!;
    slotLogits = out.latentLogits ?? null;
  }
  return ttsResult(await audio.end(), codes, stoppedBy, t0);
}
