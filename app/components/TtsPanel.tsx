import { generateSpeech, stopSpeech } from '../actions/tts';
import { useAppStore } from '../store';
import { AdvancedSettings } from './AdvancedSettings';
import { ProblemMessage } from './ProblemMessage';
import { TextInput } from './TextInput';
import { TtsResult } from './TtsResult';
import { VoicePicker } from './VoicePicker';

/** Generate / Stop and what the running generation is doing. */
export function TtsControls() {
  const run = useAppStore((s) => s.tts);
  const ready = useAppStore((s) => s.engine.phase === 'ready');
  const otherBusy = useAppStore((s) => s.stt.phase === 'running' || s.promptStatus.phase === 'transcribing');
  const running = run.phase === 'running';
  return (
    <>
      <div className="row">
        {/* Two buttons in fixed places: a second click on Generate must never land on Stop. */}
        <button type="button" className="button primary" onClick={() => void generateSpeech()} disabled={!ready || otherBusy || running} data-testid="tts-generate">
          {running ? 'Generating…' : 'Generate speech'}
        </button>
        {running && (
          <button type="button" className="button danger" onClick={stopSpeech} data-testid="tts-stop">
            Stop
          </button>
        )}
        <span className="muted" aria-live="polite" data-testid="tts-status" data-phase={run.phase}>
          {!ready && 'Waiting for the model…'}
          {running && (run.sentence ? `Sentence ${run.sentence.index + 1} of ${run.sentence.count} · ` : 'Starting · ') + `${run.audioSeconds.toFixed(1)} s generated`}
          {run.phase === 'stopped' && `Stopped after ${run.audioSeconds.toFixed(1)} s of audio${run.output ? ': what was made is below.' : '.'}`}
        </span>
      </div>
      {run.phase === 'failed' && <ProblemMessage error={run.error} testId="tts-error" />}
    </>
  );
}

export function TtsPanel() {
  const run = useAppStore((s) => s.tts);
  return (
    <section className="card" aria-labelledby="tts-title" data-testid="tts-panel">
      <h2 id="tts-title">Text to speech</h2>
      <TextInput />
      <VoicePicker />
      <AdvancedSettings />
      <TtsControls />
      {run.phase === 'done' && <TtsResult output={run.output} />}
      {run.phase === 'stopped' && run.output && <TtsResult output={run.output} />}
    </section>
  );
}
