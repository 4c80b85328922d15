import { EmbedTts } from './components/EmbedTts';
import { ModelStatus } from './components/ModelStatus';
import { SttPanel } from './components/SttPanel';
import { Tabs } from './components/Tabs';
import { TtsPanel } from './components/TtsPanel';
import type { EmbedMode } from './config/urlOptions';
import { useAppStore } from './store';

export function App({ embed }: { embed: EmbedMode }) {
  const tab = useAppStore((s) => s.tab);
  if (embed === 'tts') return <EmbedTts />;
  return (
    <main className="app">
      <header className="app-header">
        <h1>MELD in the browser</h1>
        <p className="muted">Zero-shot text to speech and speech to text from one small speech language model, running on your device. Nothing you type or say leaves it.</p>
      </header>
      <ModelStatus />
      <Tabs />
      <div role="tabpanel" id="panel-tts" aria-labelledby="tab-tts" hidden={tab !== 'tts'}>
        <TtsPanel />
      </div>
      <div role="tabpanel" id="panel-stt" aria-labelledby="tab-stt" hidden={tab !== 'stt'}>
        <SttPanel />
      </div>
    </main>
  );
}
