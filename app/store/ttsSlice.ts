import type { BackendName, TtsOutcome } from '../../workers/engine/meldEngineApi';
import type { AppError, UiProblem } from './appError';
import type { SliceCreator } from './appState';

/** Longest text accepted in one request (it is spoken sentence by sentence). */
export const MAX_TEXT_CHARS = 1000;

export interface TtsSettings {
  seed: number;
  temperature: number;
  topP: number;
}

export const DEFAULT_TTS_SETTINGS: TtsSettings = { seed: 0, temperature: 1, topP: 0.9 };

/** What is measured after each run. */
export interface TtsFigures {
  backend: BackendName;
  /** From pressing Generate to the first audio chunk arriving in the page. */
  firstAudioMs: number | null;
  /** Generation wall time (engine side). */
  totalMs: number;
  audioSeconds: number;
  /** Generation time / audio duration: below 1 is faster than real time (null without audio). */
  realTimeFactor: number | null;
}

/** The engine's outcome (audio, mel, codes...) plus what the page measured around it. */
export interface TtsOutput extends Pick<TtsOutcome, 'audio' | 'mel' | 'frames' | 'nMels' | 'codes' | 'sentences'> {
  /** Audio chunks that streamed in (and were scheduled for playback) before the run ended. */
  chunks: number;
  figures: TtsFigures;
}

export type TtsRun =
  | { phase: 'idle' }
  | { phase: 'running'; sentence: { index: number; count: number } | null; audioSeconds: number; chunks: number; firstAudioMs: number | null }
  | { phase: 'done'; output: TtsOutput }
  | { phase: 'stopped'; audioSeconds: number }
  | { phase: 'failed'; error: AppError | UiProblem };

export interface TtsSlice {
  text: string;
  settings: TtsSettings;
  tts: TtsRun;
  setText: (text: string) => void;
  setSettings: (settings: Partial<TtsSettings>) => void;
  ttsStarted: () => void;
  ttsSentence: (index: number, count: number) => void;
  ttsChunk: (samples: number, firstAudioMs: number | null) => void;
  ttsDone: (output: TtsOutput) => void;
  ttsStopped: () => void;
  ttsFailed: (error: AppError | UiProblem) => void;
}

export const createTtsSlice: SliceCreator<TtsSlice> = (set) => ({
  text: 'The quick brown fox jumps over the lazy dog.',
  settings: DEFAULT_TTS_SETTINGS,
  tts: { phase: 'idle' },
  setText: (text) => set({ text: text.slice(0, MAX_TEXT_CHARS) }),
  setSettings: (settings) => set((s) => ({ settings: { ...s.settings, ...settings } })),
  ttsStarted: () => set({ tts: { phase: 'running', sentence: null, audioSeconds: 0, chunks: 0, firstAudioMs: null } }),
  ttsSentence: (index, count) => set((s) => (s.tts.phase === 'running' ? { tts: { ...s.tts, sentence: { index, count } } } : {})),
  ttsChunk: (samples, firstAudioMs) =>
    set((s) =>
      s.tts.phase === 'running'
        ? { tts: { ...s.tts, audioSeconds: s.tts.audioSeconds + samples / 16000, chunks: s.tts.chunks + 1, firstAudioMs: s.tts.firstAudioMs ?? firstAudioMs } }
        : {},
    ),
  ttsDone: (output) => set({ tts: { phase: 'done', output } }),
  ttsStopped: () => set((s) => ({ tts: { phase: 'stopped', audioSeconds: s.tts.phase === 'running' ? s.tts.audioSeconds : 0 } })),
  ttsFailed: (error) => set({ tts: { phase: 'failed', error } }),
});
