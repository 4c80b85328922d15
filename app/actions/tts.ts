import * as Comlink from 'comlink';
import type { TtsStreamEvent } from '../../workers/engine/meldEngineApi';
import { describeError } from '../../workers/describeError';
import { player } from '../audio/streamPlayer';
import { engineProxy } from '../engine/engineClient';
import { useAppStore } from '../store';

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
  const prompt = store.prompt;
  if (!prompt || store.promptStatus.phase !== 'ready') {
    store.ttsFailed({ kind: 'no-voice', message: 'Choose a voice first: a preset, an uploaded file or a recording.' });
    return;
  }
  if (prompt.text.trim() === '') {
    store.ttsFailed({ kind: 'no-voice', message: 'The voice prompt needs its transcript: type what is said in it.' });
    return;
  }

  await player.begin();
  const t0 = performance.now();
  store.ttsStarted();
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
    if (!result.ok) {
      if (result.error.kind === 'cancelled') s.ttsStopped();
      else s.ttsFailed(result.error);
      return;
    }
    const r = result.value;
    const streamed = s.tts.phase === 'running' ? s.tts : { firstAudioMs: null, chunks: 0 };
    const firstAudioMs = streamed.firstAudioMs;
    s.ttsDone({
      audio: r.audio, mel: r.mel, frames: r.frames, nMels: r.nMels, codes: r.codes, sentences: r.sentences, chunks: streamed.chunks,
      figures: { backend, firstAudioMs, totalMs: r.timing.totalMs, audioSeconds: r.timing.audioSeconds, realTimeFactor: r.timing.audioSeconds > 0 ? r.timing.totalMs / 1000 / r.timing.audioSeconds : null },
    });
  } catch (error) {
    useAppStore.getState().ttsFailed({ kind: 'worker-failed', detail: describeError(error) });
  }
}

/** Stops generation (the engine resolves the run as cancelled) and silences playback. */
export function stopSpeech(): void {
  player.stop();
  void engineProxy()?.stop();
}
