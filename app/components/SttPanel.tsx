import { useState } from 'react';
import { STT_SECONDS } from '../../models/meld/requestLimits';
import { cancelTranscription, transcribeFile } from '../actions/stt';
import { AUDIO_FILE_ACCEPT } from '../audio/decodeAudioFile';
import { useAppStore } from '../store';
import { LevelMeter } from './LevelMeter';
import { ProblemMessage } from './ProblemMessage';
import { RecordButton } from './RecordButton';

function Transcript({ text, totalMs, audioSeconds }: { text: string; totalMs: number; audioSeconds: number }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="field">
      <label htmlFor="stt-transcript">Transcript</label>
      <textarea id="stt-transcript" readOnly rows={3} value={text} placeholder="(nothing was recognised)" data-testid="stt-transcript" />
      <div className="row small muted">
        <span data-testid="stt-figures" data-rtf={totalMs / 1000 / Math.max(audioSeconds, 1e-9)}>
          {audioSeconds.toFixed(1)} s of audio in {(totalMs / 1000).toFixed(2)} s (real-time factor {(totalMs / 1000 / Math.max(audioSeconds, 1e-9)).toFixed(2)})
        </span>
        <button type="button" className="button small-button" onClick={() => void copy()} disabled={text === ''} data-testid="stt-copy">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

/** Speech to text: the microphone or a dropped file in, the transcript out. */
export function SttPanel() {
  const run = useAppStore((s) => s.stt);
  const ready = useAppStore((s) => s.engine.phase === 'ready');
  const busy = useAppStore((s) => s.tts.phase === 'running' || s.stt.phase === 'running');
  const listening = useAppStore((s) => s.recording?.purpose === 'stt');
  const live = run.phase === 'running' ? run.live : undefined;
  const [dragging, setDragging] = useState(false);

  return (
    <section className="card" aria-labelledby="stt-title" data-testid="stt-panel">
      <h2 id="stt-title">Speech to text</h2>
      <div className="row">
        <RecordButton purpose="stt" disabled={!ready || busy} />
        <LevelMeter purpose="stt" />
      </div>
      <p className="small muted" data-testid="stt-limits">
        Up to {STT_SECONDS.microphoneMax} s from the microphone, or an audio file of up to {STT_SECONDS.fileMax / 60} minutes (long files show their progress and can be cancelled):
      </p>
      <label
        className={dragging ? 'dropzone dragging' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const file = e.dataTransfer.files[0];
          if (file && ready) void transcribeFile(file);
        }}
        data-testid="stt-dropzone"
      >
        <span>Drop an audio file here, or choose one (WAV, MP3, OGG, WebM)</span>
        <input
          type="file"
          accept={AUDIO_FILE_ACCEPT}
          disabled={!ready || busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void transcribeFile(file);
            e.target.value = '';
          }}
          data-testid="stt-file"
        />
      </label>
      <p className="muted" aria-live="polite" data-testid="stt-status" data-phase={run.phase} data-live={live ? (live.streaming ? 'streaming' : 'buffered') : undefined}>
        {!ready && 'Waiting for the model…'}
        {run.phase === 'running' && listening && (live?.streaming ? 'Listening… words appear as they are recognised.' : 'Recording… the transcript follows when you stop.')}
        {run.phase === 'running' && !listening && (run.progress ? `Transcribing… ${run.progress.doneSeconds.toFixed(0)} of ${run.progress.totalSeconds.toFixed(0)} s` : 'Transcribing…')}
        {run.phase === 'cancelled' && 'Transcription stopped.'}
      </p>
      {run.phase === 'running' && !listening && (
        <div className="row">
          <progress
            max={run.progress?.totalSeconds ?? 1}
            value={run.progress?.doneSeconds ?? undefined}
            aria-label="Transcription progress"
            data-testid="stt-progress"
          />
          <button type="button" className="button small-button" onClick={cancelTranscription} data-testid="stt-cancel">
            Cancel
          </button>
        </div>
      )}
      {run.phase === 'running' && run.progress?.text && <p className="small muted" data-testid="stt-partial">{run.progress.text}</p>}
      {run.phase === 'cancelled' && run.partialText && (
        <p className="small muted" data-testid="stt-partial">
          Transcribed before stopping: {run.partialText}
        </p>
      )}
      {run.phase === 'failed' && <ProblemMessage error={run.error} testId="stt-error" />}
      {run.phase === 'done' && <Transcript text={run.text} totalMs={run.totalMs} audioSeconds={run.audioSeconds} />}
    </section>
  );
}
