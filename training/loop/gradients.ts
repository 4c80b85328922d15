// One batch's loss terms and gradients: the unit of work that the trainer runs on the main thread
// and, with --workers 2, on a second thread too (gradients are averaged before the update).

import * as tf from '@tensorflow/tfjs';
import type { MeldConfig } from '../../models/meld/config';
import type { Batch } from '../model/batch';
import { type LossParts, type LossWeights, computeLoss } from '../model/forward';
import { withOwnHistory } from '../model/ownHistory';
import type { Params } from '../model/params';

export type LossValues = { [K in keyof LossParts]: number };

export interface BatchGradients {
  parts: LossValues;
  /** By parameter name; null for parameters the batch's task does not reach. Caller disposes. */
  grads: Record<string, tf.Tensor | null>;
}

export function computeGradients(c: MeldConfig, params: Params, names: string[], batch: Batch, dropoutSeed: number, weights: LossWeights): BatchGradients {
  let parts: LossParts | null = null;
  // The model's own steps are drawn before the gradient tape starts: no gradient flows through them.
  const input = batch.task === 'tts' && weights.ownHistoryRate > 0 ? withOwnHistory(c, params, batch, weights.ownHistoryRate, dropoutSeed) : batch;
  const { value, grads } = tf.variableGrads(() => {
    parts = computeLoss(c, params, input, { dropoutSeed, weights });
    for (const k of Object.keys(parts) as (keyof LossParts)[]) if (k !== 'total') tf.keep(parts[k]);
    return parts.total;
  }, names.map((n) => params[n]));
  const p = parts as unknown as LossParts;
  const values = {} as LossValues;
  for (const k of Object.keys(p) as (keyof LossParts)[]) values[k] = k === 'total' ? value.dataSync()[0] : p[k].dataSync()[0];
  // Terms a task does not have share one zero scalar: dispose each tensor once.
  tf.dispose([...new Set([value, ...Object.values(p)])]);
  const byName: Record<string, tf.Tensor | null> = {};
  for (const n of names) byName[n] = grads[params[n].name] ?? null; // variableGrads keys by tfjs variable name
  return { parts: values, grads: byName };
}
