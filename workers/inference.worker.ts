/**
 * The inference worker: a thin adapter that exposes the engine over comlink. All logic lives in
 * MeldEngine, which tests run in-process.
 */
import * as Comlink from 'comlink';
import { MeldEngine } from './engine/meldEngine';

Comlink.expose(new MeldEngine());
