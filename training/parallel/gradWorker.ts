// The gradient worker thread: holds a copy of the model, takes (parameters, batch), returns gradients.

import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import type { MeldConfig } from '../../models/meld/config';
import { computeGradients } from '../loop/gradients';
import { type Params, initParams } from '../model/params';
import { initBackend, wasmHeapBytes } from '../tf/backend';
import type { FromWorker, ToWorker } from './protocol';

const port = parentPort!;
let config: MeldConfig | null = null;
let names: string[] = [];
let params: Params = {};
const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', async (m: ToWorker) => {
  try {
    if (m.kind === 'init') {
      const backend = await initBackend(m.backend);
      config = m.config;
      names = m.names;
      params = initParams(config, 0); // overwritten by every step's parameters
      send({ kind: 'ready', backend });
    } else if (m.kind === 'step') {
      tf.tidy(() => {
        for (const [n, data] of Object.entries(m.params)) params[n].assign(tf.tensor(data, params[n].shape));
      });
      const { parts, grads } = computeGradients(config!, params, names, m.batch, m.dropoutSeed, m.weights);
      const out: Record<string, Float32Array | null> = {};
      const transfer: ArrayBuffer[] = [];
      for (const n of names) {
        const g = grads[n];
        out[n] = g ? (g.dataSync() as Float32Array) : null;
        if (out[n]) transfer.push(out[n]!.buffer as ArrayBuffer);
      }
      tf.dispose(Object.values(grads).filter((g) => g) as tf.Tensor[]);
      send({ kind: 'grads', parts, grads: out, heapBytes: wasmHeapBytes() }, transfer);
    } else {
      port.close();
    }
  } catch (e) {
    send({ kind: 'error', message: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
  }
});
