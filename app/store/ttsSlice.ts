import { MAX_TEXT_CHARS } from '../../models/meld/requestLimits';
import type { BackendName, TtsOutcome } from '../../workers/engine/meldEngineApi';
import type { AppError, UiProblem } from './appError';
import type { SliceCreator } from './appState';
import { clearedBy, type ErrorCause } from './staleErrors';

/** Longest text accepted in one request (it is spoken sentence by sentence); longer text is refused, never cut. */
export { MAX_TEXT_CHARS };

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
  /** The sentences spoken, normalised, in order. */
  spokenSentences: string[];
  /** Audio chunks that streamed in (and were scheduled for playback) before the run ended. */
  chunks: number;
  figures: TtsFigures;
}

/** What the last Generate sent: which voice and how much text (the voice used is the voice shown). */
export interface TtsRequestInfo {
  promptLabel: string;
  promptSamples: number;
  textChars: number;
}

export type TtsRun =
  | { phase: 'idle' }
  | { phase: 'running'; sentence: { index: number; count: number } | null; audioSeconds: number; chunks: number; firstAudioMs: number | null }
  | { phase: 'done'; output: TtsOutput }
  /** Stopped by the user: what was made until then stays playable and downloadable (null: nothing yet). */
  | { phase: 'stopped'; audioSeconds: number; output: TtsOutput | null }
  | { phase: 'failed'; error: AppError | UiProblem };

export interface TtsSlice {
  text: string;
  /** MAX_TEXT_CHARS, in the state so the page and tests read the limit that applies. */
  textLimit: number;
  settings: TtsSettings;
  tts: TtsRun;
  ttsRequest: TtsRequestInfo | null;
  setText: (text: string) => void;
  setSettings: (settings: Partial<TtsSettings>) => void;
  ttsStarted: (request: TtsRequestInfo) => void;
  ttsSentence: (index: number, count: number) => void;
  ttsChunk: (samples: number, firstAudioMs: number | null) => void;
  ttsDone: (output: TtsOutput) => void;
  ttsStopped: (output: TtsOutput | null) => void;
  ttsFailed: (error: AppError | UiProblem) => void;
  /** Clears a shown TTS failure whose cause `cause` has just removed. */
  ttsCauseGone: (cause: ErrorCause) => void;
}

export const createTtsSlice: SliceCreator<TtsSlice> = (set) => ({
  text: 'The quick brown fox jumps over the lazy dog.',
  textLimit: MAX_TEXT_CHARS,
  settings: DEFAULT_TTS_SETTINGS,
  tts: { phase: 'idle' },
  ttsRequest: null,
  // Never cut: text over the limit is kept as typed and refused on Generate with a message.
  setText: (text) => set((s) => ({ text, ...(s.tts.phase === 'failed' && clearedBy(s.tts.error, 'text', 'tts') ? { tts: { phase: 'idle' } } : {}) })),
  setSettings: (settings) => set((s) => ({ settings: { ...s.settings, ...settings } })),
  ttsStarted: (ttsRequest) => set({ tts: { phase: 'running', sentence: null, audioSeconds: 0, chunks: 0, firstAudioMs: null }, ttsRequest }),
  ttsSentence: (index, count) => set((s) => (s.tts.phase === 'running' ? { tts: { ...s.tts, sentence: { index, count } } } : {})),
  ttsChunk: (samples, firstAudioMs) =>
    set((s) =>
      s.tts.phase === 'running'
        ? { tts: { ...s.tts, audioSeconds: s.tts.audioSeconds + samples / 16000, chunks: s.tts.chunks + 1, firstAudioMs: s.tts.firstAudioMs ?? firstAudioMs } }
        : {},
    ),
  ttsDone: (output) => set({ tts: { phase: 'done', output } }),
  ttsStopped: (output) => set((s) => ({ tts: { phase: 'stopped', audioSeconds: output ? output.figures.audioSeconds : s.tts.phase === 'running' ? s.tts.audioSeconds : 0, output } })),
  ttsFailed: (error) => set({ tts: { phase: 'failed', error } }),
  ttsCauseGone: (cause) => set((s) => (s.tts.phase === 'failed' && clearedBy(s.tts.error, cause, 'tts') ? { tts: { phase: 'idle' } } : {})),
});
