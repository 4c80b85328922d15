import type { AppError, UiProblem } from '../store';
import { describeError, errorCode } from './describeStatus';

/** A failure, announced to screen readers, with its code for tests. */
export function ProblemMessage({ error, testId }: { error: AppError | UiProblem; testId: string }) {
  return (
    <p className="error" role="alert" data-testid={testId} data-code={errorCode(error)}>
      {describeError(error)}
    </p>
  );
}
