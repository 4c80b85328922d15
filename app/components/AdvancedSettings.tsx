import { useAppStore } from '../store';

/** Sampling knobs: the seed (same seed, same speech), temperature and nucleus (top-p) mass. */
export function AdvancedSettings() {
  const settings = useAppStore((s) => s.settings);
  const set = useAppStore((s) => s.setSettings);
  return (
    <details className="advanced" data-testid="advanced">
      <summary>Advanced</summary>
      <div className="advanced-grid">
        <label htmlFor="tts-seed">Seed</label>
        <input id="tts-seed" type="number" min={0} step={1} value={settings.seed} onChange={(e) => set({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} data-testid="tts-seed" />

        <label htmlFor="tts-temperature">Temperature</label>
        <div className="row">
          <input id="tts-temperature" type="range" min={0.1} max={1.5} step={0.05} value={settings.temperature} onChange={(e) => set({ temperature: Number(e.target.value) })} data-testid="tts-temperature" />
          <output htmlFor="tts-temperature" className="mono">{settings.temperature.toFixed(2)}</output>
        </div>

        <label htmlFor="tts-top-p">Top-p</label>
        <div className="row">
          <input id="tts-top-p" type="range" min={0.1} max={1} step={0.05} value={settings.topP} onChange={(e) => set({ topP: Number(e.target.value) })} data-testid="tts-top-p" />
          <output htmlFor="tts-top-p" className="mono">{settings.topP.toFixed(2)}</output>
        </div>
      </div>
    </details>
  );
}
