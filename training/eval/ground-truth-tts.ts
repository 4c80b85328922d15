// The ceiling "TTS": it returns the corpus's own recording of the requested sentence in the prompt's
// voice. It only sees what any TTS sees (text and prompt audio): the voice is recovered by finding
// which corpus utterance the prompt audio is, sample for sample.

import type { Utterance } from '../data/manifest';
import type { Corpus } from './corpus';
import type { TtsRequest, TtsSystem } from './systems';

function sameSamples(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function groundTruthTts(corpus: Corpus): TtsSystem {
  const byText = new Map<string, Utterance[]>();
  const bySpeakerAndText = new Map<string, Utterance>();
  for (const u of corpus.utterances) {
    byText.set(u.text, [...(byText.get(u.text) ?? []), u]);
    bySpeakerAndText.set(`${u.speaker}\n${u.text}`, u);
  }

  async function promptSpeaker(req: TtsRequest): Promise<string> {
    for (const candidate of byText.get(req.promptText) ?? []) {
      if (sameSamples(await corpus.readAudio(candidate), req.promptAudio)) return candidate.speaker;
    }
    throw new Error(`ground-truth TTS: the prompt "${req.promptText}" is not an utterance of the corpus`);
  }

  return {
    name: 'ground-truth',
    async synthesize(req) {
      const speaker = await promptSpeaker(req);
      const target = bySpeakerAndText.get(`${speaker}\n${req.text}`);
      if (!target) throw new Error(`ground-truth TTS: ${speaker} never says "${req.text}"`);
      return corpus.readAudio(target);
    },
  };
}
