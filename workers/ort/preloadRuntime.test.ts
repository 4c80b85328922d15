import { describe, expect, it } from 'vitest';
import { createOrtSession } from './modelSession';
import { identityModelBytes, preloadOrtRuntime } from './preloadRuntime';

describe('preloadOrtRuntime', () => {
  it('starts the runtime with a one-node model that really is an identity', async () => {
    await preloadOrtRuntime({});
    const session = await createOrtSession(identityModelBytes(), 'wasm');
    const out = await session.run({ x: { type: 'float32', dims: [1], data: Float32Array.of(0.25) } });
    expect(out.y).toMatchObject({ type: 'float32', dims: [1] });
    expect(Array.from((out.y as { data: Float32Array }).data)).toEqual([0.25]);
    await session.release();
  });
});
