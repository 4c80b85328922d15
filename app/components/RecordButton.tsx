import { finishRecording, startRecording } from '../actions/recording';
import { useAppStore, type RecordingPurpose } from '../store';

/** Record / Stop toggle for one purpose; Stop is enabled once the minimum length is reached. */
export function RecordButton({ purpose, disabled = false }: { purpose: RecordingPurpose; disabled?: boolean }) {
  const recording = useAppStore((s) => s.recording);
  const mine = recording?.purpose === purpose ? recording : null;
  if (mine) {
    const tooShort = mine.seconds < mine.minSeconds;
    return (
      <button type="button" className="button danger" onClick={() => void finishRecording()} disabled={tooShort} data-testid={`record-stop-${purpose}`}>
        {tooShort ? `Recording… (at least ${mine.minSeconds} s)` : 'Stop recording'}
      </button>
    );
  }
  return (
    <button type="button" className="button" onClick={() => void startRecording(purpose)} disabled={disabled || recording !== null} data-testid={`record-start-${purpose}`}>
      Record from the microphone
    </button>
  );
}
