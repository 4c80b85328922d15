import type { SttStreamEvent } from '../../workers/engine/meldEngineApi';
import type { AppError, UiProblem } from './appError';
import type { SliceCreator } from './appState';
import { clearedBy } from './staleErrors';

export interface SttRequestInfo {
  source: 'microphone' | 'file';
  /** 16 kHz samples sent to the engine, and their RMS level (what the microphone path delivered). */
  samples: number;
  rms: number;
}

export type SttProgress = Omit<SttStreamEvent, 'type'>;

/** A transcription of the microphone while it records: whether words arrive as they are heard, and how much audio the engine has. */
export interface SttLive {
  streaming: boolean;
  receivedSeconds: number;
}

export type SttRun =
  | { phase: 'idle' }
  | { phase: 'running'; progress: SttProgress | null; live?: SttLive }
  | { phase: 'done'; text: string; totalMs: number; audioSeconds: number }
  /** Cancelled by the user; the text of the segments finished before is kept. */
  | { phase: 'cancelled'; partialText: string }
  | { phase: 'failed'; error: AppError | UiProblem };

export interface SttSlice {
  stt: SttRun;
  /** The last request sent to the engine. */
  sttRequest: SttRequestInfo | null;
  sttStarted: (request: SttRequestInfo) => void;
  /** A live transcription began (the microphone is recording into it). */
  sttLiveStarted: (streaming: boolean) => void;
  /** The engine has received this much of the recording. */
  sttLiveReceived: (seconds: number) => void;
  /** The recording ended: what was sent, for the figures (the run goes on until the transcript is final). */
  sttLiveHeard: (request: SttRequestInfo) => void;
  sttProgress: (progress: SttProgress) => void;
  sttDone: (text: string, totalMs: number, audioSeconds: number) => void;
  sttCancelled: () => void;
  sttFailed: (error: AppError | UiProblem) => void;
  sttReset: () => void;
  /** The engine finished a run: a 'busy' failure in the STT panel is stale now. */
  sttEngineFree: () => void;
}

export const createSttSlice: SliceCreator<SttSlice> = (set) => ({
  stt: { phase: 'idle' },
  sttRequest: null,
  sttStarted: (sttRequest) => set({ stt: { phase: 'running', progress: null }, sttRequest }),
  sttLiveStarted: (streaming) => set({ stt: { phase: 'running', progress: null, live: { streaming, receivedSeconds: 0 } }, sttRequest: null }),
  sttLiveReceived: (receivedSeconds) => set((s) => (s.stt.phase === 'running' && s.stt.live ? { stt: { ...s.stt, live: { ...s.stt.live, receivedSeconds } } } : {})),
  sttLiveHeard: (sttRequest) => set({ sttRequest }),
  sttProgress: (progress) => set((s) => (s.stt.phase === 'running' ? { stt: { ...s.stt, progress } } : {})),
  sttDone: (text, totalMs, audioSeconds) => set({ stt: { phase: 'done', text, totalMs, audioSeconds } }),
  sttCancelled: () => set((s) => ({ stt: { phase: 'cancelled', partialText: s.stt.phase === 'running' ? (s.stt.progress?.text ?? '') : '' } })),
  sttFailed: (error) => set({ stt: { phase: 'failed', error } }),
  sttReset: () => set({ stt: { phase: 'idle' } }),
  sttEngineFree: () => set((s) => (s.stt.phase === 'failed' && clearedBy(s.stt.error, 'engine-free', 'stt') ? { stt: { phase: 'idle' } } : {})),
});
