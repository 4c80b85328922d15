import { useAppStore } from '../store';
import { ModelStatus } from './ModelStatus';
import { TextInput } from './TextInput';
import { TtsControls } from './TtsPanel';
import { TtsResult } from './TtsResult';
import { VoicePicker } from './VoicePicker';

/** The compact TTS widget shown with ?embed=tts (for an iframe in another page). */
export function EmbedTts() {
  const run = useAppStore((s) => s.tts);
  return (
    <main className="embed" data-testid="embed-tts" aria-label="MELD text to speech">
      <TextInput rows={2} compact />
      <div className="row embed-row">
        <VoicePicker compact />
        <ModelStatus compact />
      </div>
      <TtsControls />
      {(run.phase === 'done' || run.phase === 'stopped') && run.output && <TtsResult output={run.output} compact />}
    </main>
  );
}
