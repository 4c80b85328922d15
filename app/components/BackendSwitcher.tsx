import type { BackendPreference } from '../../workers/engine/engineApi';
import { withBackendPreference } from '../config/urlOptions';
import { useAppStore } from '../store';

const OPTIONS: { value: BackendPreference; label: string }[] = [
  { value: 'webgpu', label: 'WebGPU (WASM fallback)' },
  { value: 'wasm', label: 'WASM only' },
];

/** Switches the preferred backend, mirrored in the URL (?backend=…) so a reload keeps it. */
export function BackendSwitcher() {
  const preferred = useAppStore((state) => state.preferredBackend);
  const setPreferred = useAppStore((state) => state.setPreferredBackend);

  const choose = (value: BackendPreference) => {
    window.history.replaceState(null, '', withBackendPreference(window.location.href, value));
    setPreferred(value);
  };

  return (
    <div className="switcher" role="radiogroup" aria-label="Preferred backend" data-testid="backend-switcher">
      {OPTIONS.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={preferred === option.value}
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
