import { sessionAssessments } from './session-assessments.read-model';
import { sessionPosts } from './session-posts.read-model';
import { workerLevels } from './worker-levels.read-model';

export interface AssessmentsChange {
  /** Workers whose assessments were written (created, changed, removed). */
  workers?: readonly unknown[];
  /**
   * Sessions whose assessments were written. Without it, every session the workers' assessments
   * name now (after the write) — right for writes that only add; a writer that removes assessments
   * must pass the session (the sheet does).
   */
  sessions?: readonly unknown[];
}

/**
 * The one hook every writer of assessments calls after its write has committed and before it
 * answers: the assessment sheet (`saveSheet`), the demo seed (competencies/assessments.demo.ts) and
 * the test factories. Refreshes `worker-levels` of `workers` from the source, then `session-assessments`
 * and `session-posts` of the sessions (one read each, whatever the number of workers; under per-key locks, so racing writers cannot leave a stale document — see
 * platform/db/read-model.ts). Pass every worker a write touched in one call.
 */
export async function assessmentsChanged(change: AssessmentsChange): Promise<void> {
  const workers = [...new Set((change.workers ?? []).map(String))];
  if (workers.length > 0) await workerLevels.refresh(workers);
  // `session-assessments` is built from `worker-levels`, `session-posts` from it: in that order.
  const sessions = change.sessions
    ? change.sessions.map(String)
    : [...(await workerLevels.getMany(workers)).values()].flatMap((d) => d.events.map((e) => e.sessionId));
  if (sessions.length === 0) return;
  const unique = [...new Set(sessions)];
  await sessionAssessments.refresh(unique);
  await sessionPosts.refresh(unique);
}

/**
 * After a bulk write that bypassed the hook (scripts/generate.ts, no app running): every worker's
 * document from one read of the assessments (and the workers, so each has one). Returns how many.
 */
export async function rebuildAssessmentReadModels(): Promise<number> {
  const n = await workerLevels.rebuildAll();
  await sessionAssessments.rebuildAll();
  await sessionPosts.rebuildAll();
  return n;
}
