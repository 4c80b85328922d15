import { BackendPanel } from './components/BackendPanel';
import { ReferencePanel } from './components/ReferencePanel';
import { useEngine } from './hooks/useEngine';

export function App() {
  useEngine();

  return (
    <main className="app">
      <header className="app-header">
        <h1>MELD in the browser</h1>
        <p className="muted">A speech language model for zero-shot TTS and STT, running on your device.</p>
      </header>
      <BackendPanel />
      <ReferencePanel />
    </main>
  );
}
