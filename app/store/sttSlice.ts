import type { AppError, UiProblem } from './appError';
import type { SliceCreator } from './appState';

export interface SttRequestInfo {
  source: 'microphone' | 'file';
  /** 16 kHz samples sent to the engine, and their RMS level (what the microphone path delivered). */
  samples: number;
  rms: number;
}

export type SttRun =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; text: string; totalMs: number; audioSeconds: number }
  | { phase: 'failed'; error: AppError | UiProblem };

export interface SttSlice {
  stt: SttRun;
  /** The last request sent to the engine. */
  sttRequest: SttRequestInfo | null;
  sttStarted: (request: SttRequestInfo) => void;
  sttDone: (text: string, totalMs: number, audioSeconds: number) => void;
  sttFailed: (error: AppError | UiProblem) => void;
  sttReset: () => void;
}

export const createSttSlice: SliceCreator<SttSlice> = (set) => ({
  stt: { phase: 'idle' },
  sttRequest: null,
  sttStarted: (sttRequest) => set({ stt: { phase: 'running' }, sttRequest }),
  sttDone: (text, totalMs, audioSeconds) => set({ stt: { phase: 'done', text, totalMs, audioSeconds } }),
  sttFailed: (error) => set({ stt: { phase: 'failed', error } }),
  sttReset: () => set({ stt: { phase: 'idle' } }),
});
