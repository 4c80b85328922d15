// STT with the exported graphs:  <STT> speech <SEP>  ->  greedy characters until <EOS>.
// Speech enters through the pre-net without dropout. Audio longer than one pass fits is cut into
// segments at the quietest point near each boundary, and the transcripts are joined.

import { AUDIO } from '../../models/config/audio';
import { stepSize } from '../../models/meld/config';
import { STT_SECONDS } from '../../models/meld/requestLimits';
import { buildVocab } from '../../models/meld/vocab';
import { argmax } from '../../models/sampling';
import { decodeChars } from '../../models/text';
import { transcribeAligned } from './alignedStt';
import { MeldError, checkSpeechAudio } from './errors';
import { type SpeechSteps, audioToSteps } from './frontend';
import type { KvCache } from './kvCache';
import type { MeldGraphs } from './meldGraphs';
import { SEGMENT_STEPS, segmentEnd } from './segments';

export interface SttResult {
  text: string;
  segments: number;
  timing: { totalMs: number; audioSeconds: number };
}

const MAX_CHARS_PER_STEP = 1.5;

async function transcribeSteps(g: MeldGraphs, steps: SpeechSteps, signal?: AbortSignal): Promise<string> {
  // The KV cache may hold GPU buffers: free them however the pass ends.
  const cache = g.emptyCache();
  try {
    return await transcribeStepsWith(g, steps, cache, signal);
  } finally {
    cache.release();
  }
}

async function transcribeStepsWith(g: MeldGraphs, steps: SpeechSteps, cache: KvCache, signal?: AbortSignal): Promise<string> {
  const c = g.config;
  const v = buildVocab(c.codebookSize);
  const nChars = v.chars.end - v.chars.start;
  const ones = new Float32Array(steps.count * c.prenetHidden).fill(1);
  const features = await g.encode(steps.data, steps.count, ones, ones);
  const rows = steps.count + 2;
  const all = new Float32Array(rows * c.dModel);
  all.set(features, c.dModel);
  let out = await g.lm({ tokenIds: [v.stt, ...new Array<number>(steps.count).fill(0), v.sep], features: all, isSpeech: [0, ...new Array<number>(steps.count).fill(1), 0] }, cache);
  let logits: Float32Array = out.sttLogits.slice((rows - 1) * (nChars + 1));
  const chars: number[] = [];
  const limit = Math.min(c.maxPositions - rows, Math.ceil(steps.count * MAX_CHARS_PER_STEP) + 10);
  while (chars.length < limit) {
    if (signal?.aborted) throw new MeldError({ kind: 'cancelled' }, 'transcription was stopped');
    const next = argmax(logits);
    if (next === nChars) break; // <EOS>
    chars.push(next);
    out = await g.lm({ tokenIds: [v.chars.start + next], features: new Float32Array(c.dModel), isSpeech: [0] }, cache);
    logits = out.sttLogits;
  }
  return decodeChars(chars).trim();
}

/** Segment boundaries (in steps): every SEGMENT_STEPS at most, each at the quietest step of its last quarter. */
function segmentBounds(steps: SpeechSteps, S: number): number[] {
  const bounds = [0];
  while (steps.count - bounds[bounds.length - 1] > SEGMENT_STEPS) bounds.push(segmentEnd(steps.data, S, bounds[bounds.length - 1]));
  bounds.push(steps.count);
  return bounds;
}

/** After each segment: how far the transcription is, and the text so far. */
export interface SttProgress {
  segment: number;
  segments: number;
  doneSeconds: number;
  totalSeconds: number;
  text: string;
}

/** The streaming transcriber's growth as progress: audio read so far, of `totalSeconds()` (which grows while recording). */
export function streamingProgress(g: MeldGraphs, totalSeconds: () => number, onProgress: (p: SttProgress) => void): (text: string, stepsRead: number) => void {
  const stepSeconds = (g.config.framesPerStep * AUDIO.hop) / AUDIO.sampleRate;
  return (text, stepsRead) => {
    const total = totalSeconds();
    onProgress({ segment: 1, segments: 1, doneSeconds: Math.min(total, stepsRead * stepSeconds), totalSeconds: total, text: text.trim() });
  };
}

export async function transcribe(g: MeldGraphs, audio: Float32Array, signal?: AbortSignal, onProgress: (p: SttProgress) => void = () => undefined): Promise<SttResult> {
  const t0 = performance.now();
  checkSpeechAudio(audio, STT_SECONDS.min, 'the recording');
  if (g.config.layout === 'aligned') {
    // One streaming pass: the layout reads any length of audio, row by row (alignedStt.ts), and
    // the transcript grows as words are heard.
    const text = await transcribeAligned(g, audio, signal, streamingProgress(g, () => audio.length / 16000, onProgress));
    return { text, segments: 1, timing: { totalMs: performance.now() - t0, audioSeconds: audio.length / 16000 } };
  }
  const S = stepSize(g.config);
  const steps = audioToSteps(audio, g.manifest);
  const bounds = segmentBounds(steps, S);
  const parts: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i], bounds[i + 1]];
    parts.push(await transcribeSteps(g, { data: steps.data.subarray(a * S, b * S), count: b - a }, signal));
    const doneSeconds = Math.min(audio.length / 16000, (b * g.config.framesPerStep * 256) / 16000);
    onProgress({ segment: i + 1, segments: bounds.length - 1, doneSeconds, totalSeconds: audio.length / 16000, text: parts.filter(Boolean).join(' ') });
  }
  return { text: parts.filter(Boolean).join(' '), segments: bounds.length - 1, timing: { totalMs: performance.now() - t0, audioSeconds: audio.length / 16000 } };
}
