import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadPresets } from './actions/voice';
import { App } from './App';
import { readBackendPreference, readDebug, readEmbedMode, readPrecisionPreference } from './config/urlOptions';
import { startEngine } from './engine/engineClient';
import { useAppStore } from './store';
import { registerServiceWorker } from './sw/registerServiceWorker';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const search = window.location.search;
const embed = readEmbedMode(search);
const store = useAppStore.getState();
store.setPreferredBackend(readBackendPreference(search));
store.setPrecision(readPrecisionPreference(search));
if (embed) document.documentElement.classList.add('embedded');
if (readDebug(search)) Object.assign(window, { meld: useAppStore });

// The service worker may reload the page once (to become cross-origin isolated); start the engine after that decision.
void registerServiceWorker().then((reloading) => {
  if (reloading) return;
  void startEngine();
  void loadPresets();
});

createRoot(root).render(
  <StrictMode>
    <App embed={embed} />
  </StrictMode>,
);
