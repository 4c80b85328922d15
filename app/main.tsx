import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { readBackendPreference } from './config/urlOptions';
import { useAppStore } from './store';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// ?backend=wasm|webgpu seeds the store before the engine first boots.
useAppStore.getState().setPreferredBackend(readBackendPreference(window.location.search));

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
