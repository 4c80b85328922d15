// Messages between the trainer and its gradient worker thread (data parallelism on a second core).

import type { MeldConfig } from '../../models/meld/config';
import type { Batch } from '../model/batch';
import type { LossWeights } from '../model/forward';
import type { LossValues } from '../loop/gradients';
import type { BackendName } from '../tf/backend';

export type ToWorker =
  /** backend: the main thread's, so both threads run the same kernels. */
  | { kind: 'init'; config: MeldConfig; names: string[]; backend: BackendName | 'auto' }
  /** Every current parameter by name (trainable and frozen) and a batch to differentiate. */
  | { kind: 'step'; params: Record<string, Float32Array>; batch: Batch; dropoutSeed: number; weights: LossWeights }
  | { kind: 'stop' };

export type FromWorker =
  | { kind: 'ready'; backend: string }
  | { kind: 'grads'; parts: LossValues; grads: Record<string, Float32Array | null>; heapBytes: number | null }
  | { kind: 'error'; message: string };
