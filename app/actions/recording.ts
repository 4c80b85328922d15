import { PROMPT_SECONDS, STT_SECONDS } from '../../models/meld/requestLimits';
import { RecorderError, type Recorder, type Recording, type RecordingEnd, startRecorder } from '../audio/recorder';
import { useAppStore, type RecordingPurpose } from '../store';
import { type LiveTranscription, openLiveTranscription } from './liveTranscription';
import { promptFromRecording } from './voice';

/** Recorded voice prompts: long enough to carry the voice, short enough for the model's context (models/meld/requestLimits). */
export const PROMPT_RECORDING_SECONDS = { min: PROMPT_SECONDS.recommendedMin, max: PROMPT_SECONDS.max } as const;
/** Recorded transcriptions: anything audible, up to a minute (files may be longer). */
export const STT_RECORDING_SECONDS = { min: 0.5, max: STT_SECONDS.microphoneMax } as const;

const LIMITS: Record<RecordingPurpose, { min: number; max: number }> = { prompt: PROMPT_RECORDING_SECONDS, stt: STT_RECORDING_SECONDS };

/** A prompt recording keeps its audio; a transcription's went to the live transcription as it was made. */
type ActiveRecording =
  | { purpose: 'prompt'; recorder: Recorder<Recording>; timer: ReturnType<typeof setTimeout> }
  | { purpose: 'stt'; recorder: Recorder<RecordingEnd>; timer: ReturnType<typeof setTimeout>; live: LiveTranscription };

let active: ActiveRecording | undefined;
let starting = false;

function reportProblem(purpose: RecordingPurpose, kind: 'permission-denied' | 'no-device' | 'recording-failed' | 'too-short', message: string): void {
  const store = useAppStore.getState();
  if (purpose === 'prompt') store.promptFailed(store.newVoiceChoice(), { kind, message });
  else store.sttFailed({ kind, message });
}

/** Starts recording the microphone; it stops by itself after the purpose's maximum length. */
export async function startRecording(purpose: RecordingPurpose): Promise<void> {
  if (active || starting) return;
  starting = true;
  const limits = LIMITS[purpose];
  const store = useAppStore.getState();
  store.recordingStarted(purpose, limits.min, limits.max);
  const onLevel = (level: number, seconds: number) => useAppStore.getState().recordingLevel(level, seconds);
  const finishLater = () => setTimeout(() => void finishRecording(), limits.max * 1000);
  let live: LiveTranscription | undefined;
  if (purpose === 'stt') {
    // The transcription listens while the microphone records (words appear as they are heard).
    store.sttReset();
    const opened = await openLiveTranscription();
    if (!opened.ok) {
      useAppStore.getState().recordingEnded();
      useAppStore.getState().sttFailed(opened.error);
      starting = false;
      return;
    }
    live = opened.live;
  }
  try {
    if (live) {
      const listener = live;
      const recorder = await startRecorder(onLevel, (samples) => listener.push(samples));
      active = { purpose: 'stt', recorder, live: listener, timer: finishLater() };
    } else {
      active = { purpose: 'prompt', recorder: await startRecorder(onLevel), timer: finishLater() };
    }
  } catch (error) {
    live?.cancel();
    useAppStore.getState().recordingEnded();
    const e = error instanceof RecorderError ? error : new RecorderError('failed', String(error));
    reportProblem(purpose, e.kind === 'permission-denied' || e.kind === 'no-device' ? e.kind : 'recording-failed', e.message);
  } finally {
    starting = false;
  }
}

/** Stops the recording and hands the audio to its purpose (voice prompt or transcription). */
export async function finishRecording(): Promise<void> {
  const a = active;
  if (!a) return;
  active = undefined;
  clearTimeout(a.timer);
  /** Ends the recording in the UI; false (with a message) when it is too short to use. */
  const usable = (seconds: number): boolean => {
    useAppStore.getState().recordingEnded();
    const min = LIMITS[a.purpose].min;
    if (seconds >= min) return true;
    // Cancel first: a dropped live transcription resets the STT panel, where the message goes.
    if (a.purpose === 'stt') a.live.cancel();
    reportProblem(a.purpose, 'too-short', `The recording is ${seconds.toFixed(1)} s long; record at least ${min} s.`);
    return false;
  };
  if (a.purpose === 'prompt') {
    const recording = await a.recorder.stop();
    if (usable(recording.seconds)) await promptFromRecording(recording.audio);
  } else {
    // The audio went to the live transcription while it was recorded; only the final transcript is left.
    const { seconds } = await a.recorder.stop();
    if (usable(seconds)) await a.live.finish();
  }
}

export function cancelRecording(): void {
  const a = active;
  active = undefined;
  if (!a) return;
  clearTimeout(a.timer);
  a.recorder.cancel();
  if (a.purpose === 'stt') a.live.cancel();
  useAppStore.getState().recordingEnded();
}
