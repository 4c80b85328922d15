import { useAppStore, type RecordingPurpose } from '../store';

/** Input level and elapsed time of the running recording (for one purpose). */
export function LevelMeter({ purpose }: { purpose: RecordingPurpose }) {
  const recording = useAppStore((s) => (s.recording?.purpose === purpose ? s.recording : null));
  if (!recording) return null;
  const percent = Math.round(recording.level * 100);
  return (
    <div className="level" data-testid={`level-meter-${purpose}`} data-level={recording.level}>
      <div className="level-bar" role="meter" aria-label="Microphone level" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="level-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="mono" data-testid={`recording-seconds-${purpose}`}>
        {recording.phase === 'starting' ? 'starting…' : `${recording.seconds.toFixed(1)} s / ${recording.maxSeconds} s`}
      </span>
    </div>
  );
}
