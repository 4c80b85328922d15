// `npm run eval -- --tts meld --stt meld --record`: the report's corpus-level figures go into the
// evaluated model's manifest, where the app shows them and the quality e2e tests read their verdict.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkManifest, type MeldManifest } from '../../models/meld/manifest';
import type { MeasuredQuality } from '../../models/meld/quality';
import { writeFileAtomic } from '../data/corpus-store';
import type { EvalReport } from './results';

export function measuredQuality(report: EvalReport, reportDir: string): MeasuredQuality {
  const { groundTruth, tts, stt, items } = report.overall;
  if (!tts || !stt) throw new Error('--record needs both a TTS and an STT evaluation of the model');
  return {
    report: reportDir.split(path.sep).join('/'),
    evaluatedAt: report.createdAt,
    items,
    judge: report.systems.judge,
    groundTruthWer: groundTruth.wer,
    tts: { judgeWer: tts.wer, durationRatio: tts.durationRatio.median, longSilenceShare: tts.itemsWithLongSilence / items },
    stt: { wer: stt.wer, cer: stt.cer },
  };
}

export function readManifest(modelDir: string): MeldManifest {
  return checkManifest(JSON.parse(fs.readFileSync(path.join(modelDir, 'manifest.json'), 'utf8')));
}

/**
 * Writes the figures into the manifest, unless the model was exported again while it was being
 * evaluated (`evaluated` is the manifest read before the run): they would describe other weights.
 */
export function recordQuality(modelDir: string, evaluated: MeldManifest, quality: MeasuredQuality): void {
  const current = readManifest(modelDir);
  if (current.training.exportedAt !== evaluated.training.exportedAt) {
    throw new Error(`${modelDir} was exported again during the evaluation (${evaluated.training.exportedAt} -> ${current.training.exportedAt}): not recording`);
  }
  writeFileAtomic(path.join(modelDir, 'manifest.json'), JSON.stringify({ ...current, quality }, null, 1) + '\n');
}
