import type { VoicePreset } from '../audio/voicePresets';
import type { UiProblem } from './appError';
import type { SliceCreator } from './appState';

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

export interface VoiceSlice {
  presets: VoicePreset[];
  presetsError: string | null;
  voiceSource: VoiceSource;
  presetId: string | null;
  prompt: VoicePrompt | null;
  promptStatus: PromptStatus;
  setPresets: (presets: VoicePreset[]) => void;
  presetsFailed: (message: string) => void;
  setVoiceSource: (source: VoiceSource) => void;
  setPresetId: (id: string) => void;
  promptLoading: (phase: 'loading' | 'transcribing') => void;
  setPrompt: (prompt: VoicePrompt) => void;
  setPromptText: (text: string) => void;
  promptFailed: (problem: UiProblem) => void;
}

export const createVoiceSlice: SliceCreator<VoiceSlice> = (set) => ({
  presets: [],
  presetsError: null,
  voiceSource: 'preset',
  presetId: null,
  prompt: null,
  promptStatus: { phase: 'empty' },
  setPresets: (presets) => set({ presets, presetsError: null }),
  presetsFailed: (presetsError) => set({ presetsError }),
  // Another source means another prompt: the old one must not be used by mistake.
  setVoiceSource: (voiceSource) => set((s) => (s.voiceSource === voiceSource ? {} : { voiceSource, prompt: null, promptStatus: { phase: 'empty' } })),
  setPresetId: (presetId) => set({ presetId }),
  promptLoading: (phase) => set({ promptStatus: { phase } }),
  setPrompt: (prompt) => set({ prompt, promptStatus: { phase: 'ready' } }),
  setPromptText: (text) => set((s) => (s.prompt ? { prompt: { ...s.prompt, text } } : {})),
  promptFailed: (problem) => set({ prompt: null, promptStatus: { phase: 'failed', problem } }),
});
