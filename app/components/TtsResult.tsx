import type { TtsOutput } from '../store';
import { MelView } from './MelView';
import { useWavUrl } from './useWavUrl';

function ms(value: number | null): string {
  return value === null ? '–' : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}

/** Figures of the last run, the mel view, a player and the WAV download. */
export function TtsResult({ output, compact = false }: { output: TtsOutput; compact?: boolean }) {
  const url = useWavUrl(output.audio);
  const f = output.figures;
  return (
    <div className="result" data-testid="tts-result" data-samples={output.audio.length}>
      <dl className="figures" data-testid="tts-figures" data-backend={f.backend} data-first-audio-ms={f.firstAudioMs ?? ''} data-rtf={f.realTimeFactor ?? ''} data-audio-seconds={f.audioSeconds}>
        <div>
          <dt>Backend</dt>
          <dd>{f.backend === 'webgpu' ? 'WebGPU' : 'WASM'}</dd>
        </div>
        <div>
          <dt>First audio</dt>
          <dd>{ms(f.firstAudioMs)}</dd>
        </div>
        <div>
          <dt>Real-time factor</dt>
          <dd title="generation time / audio duration; below 1 is faster than real time">{f.realTimeFactor === null ? '–' : f.realTimeFactor.toFixed(2)}</dd>
        </div>
        <div>
          <dt>Audio</dt>
          <dd>{f.audioSeconds.toFixed(2)} s</dd>
        </div>
      </dl>
      {output.audio.length === 0 && (
        <p className="warning" role="status" data-testid="tts-empty">
          The model ended the speech before saying anything (it chose end-of-speech first). Try another seed or a higher temperature.
        </p>
      )}
      {!compact && output.frames > 0 && <MelView mel={output.mel} frames={output.frames} nMels={output.nMels} />}
      {url && output.audio.length > 0 && (
        <div className="row">
          <audio controls src={url} aria-label="Generated speech" data-testid="tts-audio" />
          <a className="button" href={url} download="meld-speech.wav" data-testid="tts-download">
            Download WAV
          </a>
        </div>
      )}
    </div>
  );
}
