/**
 * What every long flow does the same way around its pages: when to continue as new, and
 * how a failed or cancelled run still closes its run summary. Deterministic: workflow APIs only.
 */
import { ActivityFailure, CancellationScope, isCancellation, workflowInfo } from '@temporalio/workflow';

/** History is long enough to start a fresh run (Temporal suggests it, or our own lower limit). */
export function historyIsLong(eventLimit: number): boolean {
  const now = workflowInfo();
  return now.continueAsNewSuggested || now.historyLength >= eventLimit;
}

export interface RunEnd {
  readonly status: 'cancelled' | 'failed';
  /** The activity's own message (its cause), not Temporal's wrapper. */
  readonly error: string;
}

/**
 * On a cancellation or an activity failure, records how the run ended (even while the
 * workflow is being cancelled), then rethrows; anything else (continue-as-new included)
 * passes straight through.
 */
export async function closeRunAndRethrow(e: unknown, record: (end: RunEnd) => Promise<unknown>): Promise<never> {
  if (isCancellation(e) || e instanceof ActivityFailure) {
    const failure = e as Error & { cause?: Error };
    const end: RunEnd = { status: isCancellation(e) ? 'cancelled' : 'failed', error: failure.cause?.message ?? failure.message };
    await CancellationScope.nonCancellable(() => record(end));
  }
  throw e;
}
