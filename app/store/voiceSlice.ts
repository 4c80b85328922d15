import type { VoicePreset } from '../audio/voicePresets';
import type { UiProblem } from './appError';
import type { AppState, SliceCreator } from './appState';
import { clearedBy } from './staleErrors';

export type VoiceSource = 'preset' | 'upload' | 'recording';

/** The voice prompt the next TTS run imitates: 16 kHz mono audio and what is said in it. */
export interface VoicePrompt {
  audio: Float32Array;
  text: string;
  label: string;
}

export type PromptStatus =
  | { phase: 'empty' }
  | { phase: 'loading' }
  /** Our own STT is writing the transcript of an uploaded or recorded prompt. */
  | { phase: 'transcribing' }
  | { phase: 'ready' }
  | { phase: 'failed'; problem: UiProblem };

/**
 * Every voice choice (a source, a preset, a file, a recording) takes a ticket; loading and
 * transcription results carry theirs, and the slice drops any whose ticket is no longer the latest.
 * A late result can never replace a newer choice: the voice shown is the voice used.
 */
export type VoiceTicket = number;

export interface VoiceSlice {
  presets: VoicePreset[];
  presetsError: string | null;
  voiceSource: VoiceSource;
  presetId: string | null;
  prompt: VoicePrompt | null;
  promptStatus: PromptStatus;
  /** What was done to the chosen audio, in words (e.g. a long file trimmed to its first seconds). */
  promptNotice: string | null;
  voiceTicket: VoiceTicket;
  setPresets: (presets: VoicePreset[]) => void;
  presetsFailed: (message: string) => void;
  setVoiceSource: (source: VoiceSource) => void;
  /** A new voice choice starts: returns its ticket; results of earlier choices are dropped from now on. */
  newVoiceChoice: () => VoiceTicket;
  setPresetId: (id: string) => void;
  promptLoading: (ticket: VoiceTicket, phase: 'loading' | 'transcribing', notice?: string | null) => void;
  setPrompt: (ticket: VoiceTicket, prompt: VoicePrompt, notice?: string | null) => void;
  setPromptText: (text: string) => void;
  promptFailed: (ticket: VoiceTicket, problem: UiProblem) => void;
}

/** A changed voice removes the cause of a TTS failure about the voice. */
function voiceChanged(s: AppState): Partial<AppState> {
  return s.tts.phase === 'failed' && clearedBy(s.tts.error, 'voice', 'tts') ? { tts: { phase: 'idle' } } : {};
}

export const createVoiceSlice: SliceCreator<VoiceSlice> = (set, get) => ({
  presets: [],
  presetsError: null,
  voiceSource: 'preset',
  presetId: null,
  prompt: null,
  promptStatus: { phase: 'empty' },
  promptNotice: null,
  voiceTicket: 0,
  setPresets: (presets) => set({ presets, presetsError: null }),
  presetsFailed: (presetsError) => set({ presetsError }),
  // Another source means another prompt: the old one must not be used by mistake, nor arrive late.
  setVoiceSource: (voiceSource) =>
    set((s) => (s.voiceSource === voiceSource ? {} : { voiceSource, prompt: null, promptStatus: { phase: 'empty' }, promptNotice: null, voiceTicket: s.voiceTicket + 1 })),
  newVoiceChoice: () => {
    set((s) => ({ voiceTicket: s.voiceTicket + 1 }));
    return get().voiceTicket;
  },
  setPresetId: (presetId) => set({ presetId }),
  promptLoading: (ticket, phase, notice = null) => set((s) => (s.voiceTicket === ticket ? { promptStatus: { phase }, prompt: null, promptNotice: notice } : {})),
  setPrompt: (ticket, prompt, notice) =>
    set((s) => (s.voiceTicket === ticket ? { prompt, promptStatus: { phase: 'ready' }, ...(notice !== undefined ? { promptNotice: notice } : {}), ...voiceChanged(s) } : {})),
  setPromptText: (text) => set((s) => (s.prompt ? { prompt: { ...s.prompt, text }, ...voiceChanged(s) } : {})),
  promptFailed: (ticket, problem) => set((s) => (s.voiceTicket === ticket ? { prompt: null, promptStatus: { phase: 'failed', problem } } : {})),
});
