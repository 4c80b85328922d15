import * as Comlink from 'comlink';
import { STT_SECONDS } from '../../models/meld/requestLimits';
import { describeError } from '../../workers/describeError';
import type { EngineResult, SttOutcome, SttStreamEvent } from '../../workers/engine/meldEngineApi';
import { rms } from '../../workers/meld/errors';
import { decodeAudioFile, UnsupportedAudioError } from '../audio/decodeAudioFile';
import { engineProxy } from '../engine/engineClient';
import { useAppStore } from '../store';

/** Our STT on 16 kHz audio, as a result (a dead worker becomes a 'worker-failed' error). */
export async function runStt(
  audio: Float32Array,
  onEvent?: (event: SttStreamEvent) => void,
): Promise<EngineResult<SttOutcome> | { ok: false; error: { kind: 'worker-failed'; detail: string } }> {
  const engine = engineProxy();
  if (!engine) return { ok: false, error: { kind: 'not-ready' } };
  const copy = audio.slice();
  try {
    return await engine.stt(Comlink.transfer(copy, [copy.buffer]), onEvent && Comlink.proxy(onEvent));
  } catch (error) {
    return { ok: false, error: { kind: 'worker-failed', detail: describeError(error) } };
  }
}

/** Transcribes a decoded file into the STT panel, with progress per segment (recordings go through liveTranscription). */
async function transcribeAudioFile(audio: Float32Array): Promise<void> {
  const store = useAppStore.getState();
  store.sttStarted({ source: 'file', samples: audio.length, rms: rms(audio) });
  const result = await runStt(audio, ({ type: _type, ...progress }) => useAppStore.getState().sttProgress(progress));
  const s = useAppStore.getState();
  s.ttsCauseGone('engine-free');
  if (result.ok) s.sttDone(result.value.text, result.value.timing.totalMs, result.value.timing.audioSeconds);
  else if (result.error.kind === 'cancelled') s.sttCancelled();
  else s.sttFailed(result.error);
}

/** The Cancel button of the STT panel. */
export function cancelTranscription(): void {
  if (useAppStore.getState().stt.phase === 'running') void engineProxy()?.stop();
}

/** A dropped or chosen file into the STT panel. */
export async function transcribeFile(file: File): Promise<void> {
  const store = useAppStore.getState();
  if (store.stt.phase === 'running') return;
  let audio: Float32Array;
  try {
    audio = await decodeAudioFile(file);
  } catch (error) {
    store.sttFailed({ kind: 'unsupported-file', message: error instanceof UnsupportedAudioError ? error.message : `The file could not be read: ${describeError(error)}` });
    return;
  }
  const seconds = audio.length / 16000;
  if (seconds > STT_SECONDS.fileMax) {
    store.sttFailed({ kind: 'too-long', message: `"${file.name}" is ${(seconds / 60).toFixed(1)} minutes long; files of up to ${STT_SECONDS.fileMax / 60} minutes can be transcribed. Split it.` });
    return;
  }
  await transcribeAudioFile(audio);
}
