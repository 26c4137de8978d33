import { workerLevels } from './worker-levels.read-model';

export interface AssessmentsChange {
  /** Workers whose assessments were written (created, changed, removed). */
  workers?: readonly unknown[];
}

/**
 * The one hook every writer of assessments calls after its write has committed and before it
 * answers: the assessment sheet (`saveSheet`), the demo seed (competencies/assessments.demo.ts) and
 * the test factories. Refreshes `worker-levels` of `workers` from the source (one read, whatever the
 * number of workers; under per-key locks, so racing writers cannot leave a stale document — see
 * platform/db/read-model.ts). Pass every worker a write touched in one call.
 */
export async function assessmentsChanged(change: AssessmentsChange): Promise<void> {
  const workers = [...new Set((change.workers ?? []).map(String))];
  if (workers.length > 0) await workerLevels.refresh(workers);
}

/**
 * After a bulk write that bypassed the hook (scripts/generate.ts, no app running): every worker's
 * document from one read of the assessments (and the workers, so each has one). Returns how many.
 */
export async function rebuildAssessmentReadModels(): Promise<number> {
  return workerLevels.rebuildAll();
}
