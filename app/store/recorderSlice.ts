import type { SliceCreator } from './appState';

/** What a recording is for: the TTS voice prompt, or a transcription. */
export type RecordingPurpose = 'prompt' | 'stt';

export interface RecordingState {
  purpose: RecordingPurpose;
  /** 'starting' until the microphone delivers audio. */
  phase: 'starting' | 'recording';
  seconds: number;
  /** Recent RMS level, 0..1. */
  level: number;
  minSeconds: number;
  maxSeconds: number;
}

export interface RecorderSlice {
  recording: RecordingState | null;
  recordingStarted: (purpose: RecordingPurpose, minSeconds: number, maxSeconds: number) => void;
  recordingLevel: (level: number, seconds: number) => void;
  recordingEnded: () => void;
}

export const createRecorderSlice: SliceCreator<RecorderSlice> = (set) => ({
  recording: null,
  recordingStarted: (purpose, minSeconds, maxSeconds) => set({ recording: { purpose, phase: 'starting', seconds: 0, level: 0, minSeconds, maxSeconds } }),
  recordingLevel: (level, seconds) => set((s) => (s.recording ? { recording: { ...s.recording, phase: 'recording', level, seconds } } : {})),
  recordingEnded: () => set({ recording: null }),
});
