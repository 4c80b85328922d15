import { percent } from '../../models/meld/quality';
import type { ModelSummary } from '../../workers/engine/meldEngineApi';

/** What is known of the shipped weights' quality: the manifest's measured figures, or only the training schedule. */
export function ModelQuality({ model }: { model: ModelSummary }) {
  const v = model.quality;
  return (
    <dd data-testid="model-quality" data-verdict={v.kind}>
      {v.kind === 'unmeasured' ? (
        v.trainingComplete ? (
          'Not evaluated yet.'
        ) : (
          <span className="warning" data-testid="quality-warning">
            These weights are still in training: the speech and the transcripts are not intelligible yet.
          </span>
        )
      ) : (
        <>
          On {v.measured.items} held-out clips: speech {percent(v.measured.tts.judgeWer)} WER to an independent recogniser ({v.measured.judge}; {percent(v.measured.groundTruthWer)} on
          real speech), transcripts {percent(v.measured.stt.wer)} WER.
          {v.kind === 'below-bars' && (
            <span className="warning detail" data-testid="quality-warning">
              Below the quality bars, so not intelligible yet: {v.unmet.map((c) => c.text).join('; ')}.
            </span>
          )}
        </>
      )}
    </dd>
  );
}
