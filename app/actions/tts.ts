import * as Comlink from 'comlink';
import type { TtsOutcome, TtsStreamEvent } from '../../workers/engine/meldEngineApi';
import { describeError } from '../../workers/describeError';
import { player } from '../audio/streamPlayer';
import { engineProxy } from '../engine/engineClient';
import { useAppStore, type TtsOutput } from '../store';

const SAMPLE_RATE = 16000;

/** Generates speech for the text box in the chosen voice, playing it as it streams in. */
export async function generateSpeech(): Promise<void> {
  const store = useAppStore.getState();
  const engine = engineProxy();
  if (store.tts.phase === 'running' || !engine || store.engine.phase !== 'ready') return;
  const backend = store.engine.ready.backend.backend;
  if (store.text.trim() === '') {
    store.ttsFailed({ kind: 'empty-text', message: 'Type some text to speak first.' });
    return;
  }
  if (store.text.length > store.textLimit) {
    store.ttsFailed({
      kind: 'text-too-long',
      message: `The text has ${store.text.length.toLocaleString('en')} characters; one run speaks at most ${store.textLimit.toLocaleString('en')}. Shorten it, or speak it in parts: nothing is cut without saying so.`,
    });
    return;
  }
  const prompt = store.prompt;
  if (!prompt || store.promptStatus.phase !== 'ready') {
    store.ttsFailed({ kind: 'no-voice', message: 'Choose a voice first: a preset, an uploaded file or a recording.' });
    return;
  }
  if (prompt.text.trim() === '') {
    store.ttsFailed({ kind: 'no-voice', message: 'The voice prompt needs its transcript: type what is said in it.' });
    return;
  }

  // 'running' before the first await: a second click meanwhile finds the run started (and Generate disabled).
  const t0 = performance.now();
  store.ttsStarted({ promptLabel: prompt.label, promptSamples: prompt.audio.length, textChars: store.text.length });
  await player.begin();
  const onEvent = (e: TtsStreamEvent) => {
    const s = useAppStore.getState();
    if (e.type === 'sentence') return s.ttsSentence(e.index, e.count);
    player.enqueue(e.samples, SAMPLE_RATE);
    s.ttsChunk(e.samples.length, performance.now() - t0);
  };
  // A copy of the prompt goes to the worker (transferred); the store keeps its own.
  const audio = prompt.audio.slice();
  const { seed, temperature, topP } = store.settings;
  try {
    const result = await engine.tts(Comlink.transfer({ text: store.text, prompt: { audio, text: prompt.text }, seed, temperature, topP }, [audio.buffer]), Comlink.proxy(onEvent));
    const s = useAppStore.getState();
    s.sttEngineFree();
    if (!result.ok) {
      if (result.error.kind === 'cancelled') s.ttsStopped(null);
      else s.ttsFailed(result.error);
      return;
    }
    const output = toOutput(result.value, backend);
    if (result.value.stopped) s.ttsStopped(output.audio.length > 0 ? output : null);
    else s.ttsDone(output);
  } catch (error) {
    useAppStore.getState().ttsFailed({ kind: 'worker-failed', detail: describeError(error) });
  }
}

/** The engine's outcome plus what the page measured while it streamed. */
function toOutput(r: TtsOutcome, backend: TtsOutput['figures']['backend']): TtsOutput {
  const s = useAppStore.getState();
  const streamed = s.tts.phase === 'running' ? s.tts : { firstAudioMs: null, chunks: 0 };
  return {
    audio: r.audio, mel: r.mel, frames: r.frames, nMels: r.nMels, codes: r.codes, sentences: r.sentences, spokenSentences: r.sentenceTexts, chunks: streamed.chunks,
    figures: {
      backend, firstAudioMs: streamed.firstAudioMs, totalMs: r.timing.totalMs, audioSeconds: r.timing.audioSeconds,
      realTimeFactor: r.timing.audioSeconds > 0 ? r.timing.totalMs / 1000 / r.timing.audioSeconds : null,
    },
  };
}

/** Stops generation (the engine resolves the run with the audio made so far) and silences playback. */
export function stopSpeech(): void {
  player.stop();
  void engineProxy()?.stop();
}
