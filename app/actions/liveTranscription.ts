import * as Comlink from 'comlink';
import { describeError } from '../../workers/describeError';
import type { SttStreamEvent } from '../../workers/engine/meldEngineApi';
import { engineProxy } from '../engine/engineClient';
import { type AppError, useAppStore } from '../store';

/**
 * A transcription that listens while the microphone records: the recorder hands it 16 kHz audio as
 * it arrives, it forwards each piece to the engine (engine.sttPush) without waiting for the model,
 * and finish() asks for the final transcript. With a time-aligned model the STT panel's text grows
 * while the person speaks.
 */
export interface LiveTranscription {
  push(samples: Float32Array): void;
  /** The recording ended: waits for the transcript and puts it (or the problem) in the STT panel. */
  finish(): Promise<void>;
  /** Drops the transcription (the recording was cancelled or too short). */
  cancel(): void;
}

const workerFailed = (error: unknown): AppError => ({ kind: 'worker-failed', detail: describeError(error) });

/** Takes the engine for a live transcription; a problem (not ready, busy, worker gone) is returned, not thrown. */
export async function openLiveTranscription(): Promise<{ ok: true; live: LiveTranscription } | { ok: false; error: AppError }> {
  const engine = engineProxy();
  if (!engine) return { ok: false, error: { kind: 'not-ready' } };
  const onEvent = ({ type: _type, ...progress }: SttStreamEvent) => useAppStore.getState().sttProgress(progress);
  let started;
  try {
    started = await engine.sttStart(Comlink.proxy(onEvent));
  } catch (error) {
    return { ok: false, error: workerFailed(error) };
  }
  if (!started.ok) return { ok: false, error: started.error };
  useAppStore.getState().sttLiveStarted(started.value.streaming);

  let samples = 0;
  let sumSquares = 0;
  /** The first push the engine refused (a recording past the limit, a dead worker): reported at finish. */
  let refused: AppError | undefined;
  let pending: Promise<void> = Promise.resolve();
  let over = false;

  return {
    ok: true,
    live: {
      push(piece) {
        if (over) return;
        samples += piece.length;
        for (let i = 0; i < piece.length; i++) sumSquares += piece[i] * piece[i];
        const copy = piece.slice();
        const sent = engine.sttPush(Comlink.transfer(copy, [copy.buffer]));
        pending = pending.then(async () => {
          try {
            const r = await sent;
            if (r.ok) useAppStore.getState().sttLiveReceived(r.value.seconds);
            else refused ??= r.error;
          } catch (error) {
            refused ??= workerFailed(error);
          }
        });
      },
      async finish() {
        if (over) return;
        over = true;
        await pending;
        const store = useAppStore.getState();
        store.sttLiveHeard({ source: 'microphone', samples, rms: Math.sqrt(sumSquares / Math.max(1, samples)) });
        let result;
        try {
          result = await engine.sttFinish();
        } catch (error) {
          result = { ok: false as const, error: workerFailed(error) };
        }
        const s = useAppStore.getState();
        s.ttsCauseGone('engine-free');
        if (refused && refused.kind !== 'cancelled') s.sttFailed(refused);
        else if (result.ok) s.sttDone(result.value.text, result.value.timing.totalMs, result.value.timing.audioSeconds);
        else if (result.error.kind === 'cancelled') s.sttCancelled();
        else s.sttFailed(result.error);
      },
      cancel() {
        if (over) return;
        over = true;
        void engine.stop();
        useAppStore.getState().sttReset();
        useAppStore.getState().ttsCauseGone('engine-free');
      },
    },
  };
}
