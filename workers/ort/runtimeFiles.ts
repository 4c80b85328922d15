/**
 * The onnxruntime-web runtime files we serve from our own origin (no CDN: the app works offline and
 * under COEP). The Vite plugin copies exactly these from node_modules/onnxruntime-web/dist into
 * public/ort/, and ortEnvironment points `env.wasm.wasmPaths` at that folder.
 *
 * They must match the entry we import: the default 'onnxruntime-web' entry (resolved with the
 * 'onnxruntime-web-use-extern-wasm' condition, see vite.config.ts) is the JSEP build, one binary
 * that serves both the WASM and the WebGPU execution providers. The plugin checks the entry really
 * references these names, so an onnxruntime-web upgrade that renames them fails the build.
 *
 * No onnxruntime import here: Node build tooling reads this file.
 */
export const ORT_RUNTIME_DIR = 'ort/';
export const ORT_RUNTIME_FILES = ['ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm'] as const;
/** The ESM entry (inside onnxruntime-web/dist) that loads the files above at run time. */
export const ORT_ENTRY_FILE = 'ort.min.mjs';
