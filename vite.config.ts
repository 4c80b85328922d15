import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import { ortRuntimePlugin } from './scripts/vitePluginOrtRuntime';
import { serviceWorkerPlugin } from './scripts/vitePluginServiceWorker';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, hence multi-threaded WASM.
 * Static hosts should send the same two headers; where they cannot, the service worker
 * (app/sw/serviceWorker.ts) adds them after a one-time reload.
 */
const crossOriginIsolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // The app lives in app/; the repository root stays reachable for workers/ and models/.
  root: fromRoot('app'),
  publicDir: fromRoot('public'),
  // Relative by default, so the built folder works from any sub-path; BASE_PATH=/meld/ pins one.
  base: process.env.BASE_PATH ?? './',
  plugins: [react(), ortRuntimePlugin(), serviceWorkerPlugin()],
  resolve: {
    // Use onnxruntime-web's entry that loads its .mjs/.wasm from env.wasm.wasmPaths (our own
    // public/ort/, see scripts/vitePluginOrtRuntime.ts) instead of the "bundle" entry that inlines
    // the loader and makes Vite emit a second 28 MB copy of the .wasm.
    conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions],
  },
  worker: {
    format: 'es',
  },
  optimizeDeps: {
    // Pre-bundling would move the ort entry away from the files it loads at run time.
    exclude: ['onnxruntime-web'],
  },
  build: {
    outDir: fromRoot('dist'),
    emptyOutDir: true,
    target: 'es2022',
    // onnxruntime-web's JS alone is ~400 kB minified; it is loaded by the worker only.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    headers: crossOriginIsolationHeaders,
  },
  preview: {
    headers: crossOriginIsolationHeaders,
  },
});
