import { describe, expect, it } from 'vitest';
import { MANIFEST_VERSION, ManifestError, type MeldManifest, checkManifest, graphFile, graphsOf, trainingComplete } from './manifest';

const file = (name: string) => ({ file: `${name}.fp32.onnx`, bytes: 1, sha256: 'x', inputs: [], outputs: [] });
const core = { encoder: file('encoder'), lm: file('lm'), recon: file('recon'), postnet: file('postnet') };

function manifest(extra: Partial<MeldManifest> = {}): MeldManifest {
  return checkManifest({
    format: 'meld-onnx', version: MANIFEST_VERSION, config: {}, audio: {}, vocab: { phonemes: [], chars: [] }, melStats: { mean: [], std: [] },
    training: { step: 10, trainHours: 1, corpus: 'data/full', exportedAt: '' },
    graphs: { fp32: core, fp16: core },
    ...extra,
  });
}

describe('manifest', () => {
  it('lists the core graphs, and the vocoder only where the model ships one', () => {
    expect(graphsOf(manifest(), 'fp32')).toEqual(['encoder', 'lm', 'recon', 'postnet']);
    const withVocoder = manifest({
      graphs: { fp32: { ...core, vocoder: file('vocoder') }, fp16: core },
      vocoder: { config: {} as never, training: { step: 5, trainHours: 0.1 } },
    });
    expect(graphsOf(withVocoder, 'fp32')).toEqual(['encoder', 'lm', 'recon', 'postnet', 'vocoder']);
    expect(graphFile(withVocoder, 'fp32', 'vocoder').file).toBe('vocoder.fp32.onnx');
    expect(graphsOf(withVocoder, 'fp16')).not.toContain('vocoder');
    expect(() => graphFile(withVocoder, 'fp16', 'vocoder')).toThrow(ManifestError);
  });

  it('a model that draws its latent slots in order needs its slots graph', () => {
    const inOrder = manifest({ config: { slotTransitions: true } as never, graphs: { fp32: { ...core, slots: file('slots') }, fp16: core } });
    expect(graphsOf(inOrder, 'fp32')).toEqual(['encoder', 'lm', 'recon', 'postnet', 'slots']);
    expect(graphFile(inOrder, 'fp32', 'slots').file).toBe('slots.fp32.onnx');
    expect(() => graphFile(inOrder, 'fp16', 'slots')).toThrow(/no fp16 slots graph/);
  });

  it('says whether the weights finished their schedule (unknown schedule: not finished)', () => {
    expect(trainingComplete(manifest())).toBe(false);
    expect(trainingComplete(manifest({ training: { step: 10, plannedSteps: 6000, trainHours: 1, corpus: '', exportedAt: '' } }))).toBe(false);
    expect(trainingComplete(manifest({ training: { step: 6000, plannedSteps: 6000, trainHours: 9, corpus: '', exportedAt: '' } }))).toBe(true);
  });

  it('refuses what is not a manifest of this version', () => {
    expect(() => checkManifest({ format: 'other' })).toThrow(/not a MELD model manifest/);
    // Version 1 numbered LM positions absolutely: its graphs would be fed the wrong positions.
    expect(() => checkManifest({ ...manifest(), version: 1 })).toThrow(/version 1 is not supported/);
    expect(() => checkManifest({ ...manifest(), version: MANIFEST_VERSION + 1 })).toThrow(/is not supported/);
  });
});
