import { cancelPromptTranscription, selectPreset, promptFromFile } from '../actions/voice';
import { AUDIO_FILE_ACCEPT } from '../audio/decodeAudioFile';
import { player } from '../audio/streamPlayer';
import { PROMPT_RECORDING_SECONDS as PROMPT_SECONDS } from '../actions/recording';
import { useAppStore, type VoiceSource } from '../store';
import { LevelMeter } from './LevelMeter';
import { ProblemMessage } from './ProblemMessage';
import { RecordButton } from './RecordButton';

const SOURCES: { value: VoiceSource; label: string }[] = [
  { value: 'preset', label: 'Preset' },
  { value: 'upload', label: 'Upload a file' },
  { value: 'recording', label: 'Record' },
];

async function preview(): Promise<void> {
  const prompt = useAppStore.getState().prompt;
  if (!prompt) return;
  await player.begin();
  player.enqueue(prompt.audio, 16000);
}

/** The voice to imitate: a shipped preset, an uploaded file or a recording, and its transcript. */
export function VoicePicker({ compact = false }: { compact?: boolean }) {
  const source = useAppStore((s) => s.voiceSource);
  const presets = useAppStore((s) => s.presets);
  const presetsError = useAppStore((s) => s.presetsError);
  const presetId = useAppStore((s) => s.presetId);
  const prompt = useAppStore((s) => s.prompt);
  const status = useAppStore((s) => s.promptStatus);
  const notice = useAppStore((s) => s.promptNotice);
  const engineReady = useAppStore((s) => s.engine.phase === 'ready');
  const setSource = useAppStore((s) => s.setVoiceSource);
  const setPromptText = useAppStore((s) => s.setPromptText);

  const presetSelect = (
    <div className="field">
      <label htmlFor="voice-preset" className={compact ? 'visually-hidden' : undefined}>
        Voice
      </label>
      <select id="voice-preset" value={presetId ?? ''} onChange={(e) => void selectPreset(e.target.value)} data-testid="voice-preset">
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
            {p.source.heldOutVoice ? ' — held-out voice' : ''}
          </option>
        ))}
      </select>
    </div>
  );

  if (compact) return presetSelect;

  return (
    <fieldset className="voice" data-testid="voice-picker" data-status={status.phase}>
      <legend>Voice prompt</legend>
      <div className="segmented" role="radiogroup" aria-label="Voice prompt source">
        {SOURCES.map((s) => (
          <label key={s.value} className={source === s.value ? 'segment selected' : 'segment'}>
            <input
              type="radio"
              name="voice-source"
              value={s.value}
              checked={source === s.value}
              onChange={() => {
                setSource(s.value);
                if (s.value === 'preset' && presetId) void selectPreset(presetId);
              }}
              data-testid={`voice-source-${s.value}`}
            />
            {s.label}
          </label>
        ))}
      </div>

      {source === 'preset' && presetSelect}
      {presetsError && <p className="error">{presetsError}</p>}

      {source === 'upload' && (
        <div className="field">
          <label htmlFor="voice-file">Audio file (WAV, MP3, OGG or WebM; 3 to 10 s of one speaker works best; longer files are trimmed to their first 10 s)</label>
          <input
            id="voice-file"
            type="file"
            accept={AUDIO_FILE_ACCEPT}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void promptFromFile(file);
              e.target.value = '';
            }}
            data-testid="voice-file"
          />
        </div>
      )}

      {source === 'recording' && (
        <div className="field">
          <p className="small muted">
            Read a sentence aloud for {PROMPT_SECONDS.min} to {PROMPT_SECONDS.max} s. The transcript comes from this model&apos;s own speech recognition; correct it if needed.
          </p>
          <div className="row">
            <RecordButton purpose="prompt" disabled={!engineReady} />
            <LevelMeter purpose="prompt" />
          </div>
        </div>
      )}

      {status.phase === 'loading' && <p className="muted" aria-live="polite">Loading the voice…</p>}
      {notice && (
        <p className="small warning" role="status" data-testid="voice-notice">
          {notice}
        </p>
      )}
      {status.phase === 'transcribing' && (
        <p className="row muted" aria-live="polite">
          Transcribing the voice prompt…
          <button type="button" className="button small-button" onClick={cancelPromptTranscription} data-testid="voice-transcribe-cancel">
            Cancel
          </button>
        </p>
      )}
      {status.phase === 'failed' && <ProblemMessage error={status.problem} testId="voice-error" />}

      {prompt && status.phase === 'ready' && (
        <div className="field">
          <label htmlFor="voice-transcript">What is said in the prompt</label>
          <textarea
            id="voice-transcript"
            rows={2}
            value={prompt.text}
            readOnly={source === 'preset'}
            onChange={(e) => setPromptText(e.target.value)}
            data-testid="voice-transcript"
          />
          <div className="row small muted">
            <span data-testid="voice-duration">
              {prompt.label} · {(prompt.audio.length / 16000).toFixed(1)} s
            </span>
            <button type="button" className="button small-button" onClick={() => void preview()} data-testid="voice-preview">
              Listen
            </button>
          </div>
        </div>
      )}
    </fieldset>
  );
}
