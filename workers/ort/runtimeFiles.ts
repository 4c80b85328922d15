/**
 * The onnxruntime-web runtime files we serve from our own origin (no CDN: the app works offline and
 * under COEP). The Vite plugin copies exactly these from node_modules/onnxruntime-web/dist into
 * public/ort/, and ortEnvironment points `env.wasm.wasmPaths` at that folder.
 *
 * Two builds (ortModule.ts picks one per worker):
 * - 'all': the default entry, the JSEP build: one 28 MB binary that serves both the WebGPU and the
 *   WASM execution providers;
 * - 'wasm': the `onnxruntime-web/wasm` entry, a 14 MB binary for the WASM provider only. A page
 *   that will not use WebGPU fetches, compiles and tiers up half the code (npm run bench:browser).
 * Both resolve with the 'onnxruntime-web-use-extern-wasm' condition (vite.config.ts). The plugin
 * checks each entry really references its loader, so an upgrade that renames them fails the build.
 *
 * No onnxruntime import here: Node build tooling reads this file.
 */
export type OrtBuild = 'all' | 'wasm';

export const ORT_RUNTIME_DIR = 'ort/';
export const ORT_BUILDS: Record<OrtBuild, { entry: string; files: readonly string[] }> = {
  all: { entry: 'ort.min.mjs', files: ['ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm'] },
  wasm: { entry: 'ort.wasm.min.mjs', files: ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'] },
};
