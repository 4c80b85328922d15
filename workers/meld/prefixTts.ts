// Zero-shot TTS in the prefix layout with the exported graphs:
//   <TTS> prompt_phonemes ␣ target_phonemes <SEP> prompt_speech  ->  sample codes until <EOS>
// Each step: sample a latent code (top-k, top-p, repetition penalty, seeded), reconstruct the next
// r frames, feed them back through the pre-net (dropout on, seeded masks). Audio streams out through
// the post-net and the streaming vocoder as steps arrive.

import { CodeSampler } from '../../models/meld/codeSampler';
import { ttsStepLimit } from '../../models/meld/limits';
import { buildVocab } from '../../models/meld/vocab';
import { PHONEME_VOCAB } from '../../models/text';
import { PROMPT_SECONDS } from '../../models/meld/requestLimits';
import { MeldError } from './errors';
import { audioToSteps } from './frontend';
import type { KvCache } from './kvCache';
import type { MeldGraphs } from './meldGraphs';
import { StepAudio } from './stepAudio';
import { MIN_PROMPT_STEPS, type TtsEvent, type TtsRequest, type TtsResult, ttsInputs, ttsResult } from './ttsRequest';

export async function synthesizePrefixWith(g: MeldGraphs, req: TtsRequest, onEvent: (e: TtsEvent) => void, cache: KvCache, t0: number): Promise<TtsResult> {
  const c = g.config;
  const v = buildVocab(c.codebookSize);
  const { sampling, rand, mask, target, promptText } = await ttsInputs(g, req);
  const tokens = [v.tts, ...[...promptText.ids, PHONEME_VOCAB.indexOf(' '), ...target.ids].map((id) => v.phonemes.start + id), v.sep];
  // Length guard, and the whole sequence within the position table.
  const guard = ttsStepLimit(target.ids.length);
  const chooser = new CodeSampler(sampling, rand, target.ids.length);
  const promptBudget = c.maxPositions - tokens.length - guard;
  if (promptBudget < MIN_PROMPT_STEPS) {
    // Name the real cause: a text that fits with an empty transcript is not what is too long.
    if (promptBudget + promptText.ids.length >= MIN_PROMPT_STEPS) {
      throw new MeldError(
        { kind: 'prompt', reason: 'transcript-too-long' },
        `the voice prompt's transcript (${promptText.ids.length} phonemes) leaves no room for the text (${target.ids.length} phonemes) in one pass: use a shorter prompt of ${PROMPT_SECONDS.recommendedMin} to ${PROMPT_SECONDS.max} s and just what is said in it`,
      );
    }
    throw new MeldError({ kind: 'text', reason: 'too-long' }, `the text is too long for one pass (${target.ids.length} phonemes): split it into sentences`);
  }
  const prompt = audioToSteps(req.prompt.audio, g.manifest, Math.min(promptBudget, Math.round(((req.maxPromptSeconds ?? 8) * 16000) / 256 / c.framesPerStep)));

  // Prefill: text rows, then the prompt's speech rows through the pre-net (dropout on, as in training).
  const promptFeatures = await g.encode(prompt.data, prompt.count, mask(prompt.count), mask(prompt.count));
  const rows = tokens.length + prompt.count;
  const features = new Float32Array(rows * c.dModel);
  features.set(promptFeatures, tokens.length * c.dModel);
  let out = await g.lm(
    { tokenIds: [...tokens, ...new Array<number>(prompt.count).fill(0)], features, isSpeech: [...tokens.map(() => 0), ...new Array<number>(prompt.count).fill(1)] },
    cache,
  );
  let h: Float32Array = out.h.slice((rows - 1) * c.dModel);
  let logits: Float32Array = out.ttsLogits.slice((rows - 1) * (c.codebookSize + 1));

  const audio = new StepAudio(g, req.seed ?? 0, t0, (samples) => onEvent({ type: 'audio', samples }), (steps, seconds) => onEvent({ type: 'progress', steps, seconds }));
  const codes: number[] = [];
  let stoppedBy: TtsResult['stoppedBy'] = 'length-guard';

  for (let t = 0; t < guard; t++) {
    // A stop ends the run but keeps (and finishes vocoding) what was made: the caller decides what to show.
    if (req.signal?.aborted) {
      stoppedBy = 'stopped';
      break;
    }
    const choice = chooser.next(logits);
    if (choice.eos) {
      stoppedBy = 'eos';
      break;
    }
    const code = choice.code;
    codes.push(code);
    const step = await g.recon([code], h, mask(1), mask(1));
    await audio.push(step.steps);
    out = await g.lm({ tokenIds: [0], features: step.features, isSpeech: [1] }, cache);
    h = out.h;
    logits = out.ttsLogits;
  }
  return ttsResult(await audio.end(), codes, stoppedBy, t0);
}
