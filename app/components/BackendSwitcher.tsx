import type { BackendPreference } from '../../workers/engine/meldEngineApi';
import { withBackendPreference } from '../config/urlOptions';
import { startEngine } from '../engine/engineClient';
import { useAppStore } from '../store';

const OPTIONS: { value: BackendPreference; label: string }[] = [
  { value: 'webgpu', label: 'WebGPU (WASM fallback)' },
  { value: 'wasm', label: 'WASM only' },
];

/** Switches the preferred backend (reloading the engine in a fresh worker), mirrored in the URL. */
export function BackendSwitcher() {
  const preferred = useAppStore((s) => s.preferredBackend);
  const busy = useAppStore((s) => s.tts.phase === 'running' || s.stt.phase === 'running');

  const choose = (value: BackendPreference) => {
    if (value === preferred) return;
    window.history.replaceState(null, '', withBackendPreference(window.location.href, value));
    useAppStore.getState().setPreferredBackend(value);
    void startEngine();
  };

  return (
    <div className="switcher" role="radiogroup" aria-label="Preferred backend" data-testid="backend-switcher">
      {OPTIONS.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={preferred === option.value}
          disabled={busy}
          className={preferred === option.value ? 'switcher-option selected' : 'switcher-option'}
          onClick={() => choose(option.value)}
          data-testid={`prefer-${option.value}`}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
