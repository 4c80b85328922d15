import { useAppStore } from '../store';
import { MAX_TEXT_CHARS } from '../store/ttsSlice';

/** The text to speak, with its length limit shown. Longer text is kept as typed and refused on Generate, never cut. */
export function TextInput({ rows = 4, compact = false }: { rows?: number; compact?: boolean }) {
  const text = useAppStore((s) => s.text);
  const setText = useAppStore((s) => s.setText);
  const over = text.length > MAX_TEXT_CHARS;
  const near = text.length > MAX_TEXT_CHARS * 0.9;
  return (
    <div className="field">
      <label htmlFor="tts-text" className={compact ? 'visually-hidden' : undefined}>
        Text to speak
      </label>
      <textarea
        id="tts-text"
        rows={rows}
        value={text}
        aria-invalid={over}
        onChange={(e) => setText(e.target.value)}
        aria-describedby="tts-text-count"
        data-testid="tts-text"
      />
      <p id="tts-text-count" className={near ? 'small warning' : 'small muted'} data-testid="tts-text-count">
        {text.length.toLocaleString('en')} / {MAX_TEXT_CHARS.toLocaleString('en')} characters
        {over ? ` · ${(text.length - MAX_TEXT_CHARS).toLocaleString('en')} too many: shorten the text to speak it` : compact ? '' : ' · long text is spoken sentence by sentence, to the end'}
      </p>
    </div>
  );
}
