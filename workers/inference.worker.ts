/**
 * The inference worker: a thin adapter that exposes the engine over comlink. All logic lives in
 * InferenceEngine, which tests run in-process.
 */
import * as Comlink from 'comlink';
import { InferenceEngine } from './engine/inferenceEngine';

Comlink.expose(new InferenceEngine());
