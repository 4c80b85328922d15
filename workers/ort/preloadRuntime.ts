// Starts onnxruntime-web's WASM runtime (a 14 or 28 MB binary to fetch and compile, runtimeFiles.ts) before the model files
// have arrived, so that work overlaps the downloads instead of following them. onnxruntime has no
// "initialise" call: its runtime starts with the first session, so a one-node model (Identity on a
// float [1], 72 bytes, made with onnx-proto) is created and released.

import { createOrtSession } from './modelSession';
import { configureOrt, type OrtRuntimeOptions } from './ortEnvironment';

const IDENTITY_MODEL_BASE64 = 'CAg6PgoQCgF4EgF5IghJZGVudGl0eRIIaWRlbnRpdHlaDwoBeBIKCggIARIECgIIAWIPCgF5EgoKCAgBEgQKAggBQgQKABAR';

export function identityModelBytes(): Uint8Array {
  return Uint8Array.from(atob(IDENTITY_MODEL_BASE64), (c) => c.charCodeAt(0));
}

/**
 * Configures onnxruntime and starts its WASM runtime. Resolves when it is ready; never rejects (a
 * runtime that cannot start fails again, with its reason, when the real sessions are created).
 * A WASM session created and released before any WebGPU session is safe (see createSessions).
 */
export async function preloadOrtRuntime(runtime: OrtRuntimeOptions): Promise<void> {
  try {
    await configureOrt(runtime);
    const session = await createOrtSession(identityModelBytes(), 'wasm');
    await session.release();
  } catch {
    // Reported by createSessions.
  }
}
