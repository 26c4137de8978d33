import { sessionRoster, workerEnrolments } from './enrolment-read-models';

export interface EnrolmentsChange {
  /** Workers whose enrolments were written (created, status changed, removed). */
  workers?: readonly unknown[];
  /** Sessions whose enrolments were written. */
  sessions?: readonly unknown[];
}

/**
 * The one hook every writer of enrolments calls after its write has committed and before it
 * answers: enrol, bulk enrol, request a place, cancel, wait-list promotion, seeds, generators, test
 * factories. Refreshes `worker-enrolments` of `workers` and `session-roster` of `sessions` from the
 * source (one read per model, whatever the number of keys; under per-key locks, so racing writers
 * cannot leave a stale document — see platform/db/read-model.ts). Pass every key a write touched in
 * one call. Writers that also change what other read models carry add their refresh here.
 */
export async function enrolmentsChanged(change: EnrolmentsChange): Promise<void> {
  const workers = [...new Set((change.workers ?? []).map(String))];
  const sessions = [...new Set((change.sessions ?? []).map(String))];
  await Promise.all([
    workers.length > 0 ? workerEnrolments.refresh(workers) : undefined,
    sessions.length > 0 ? sessionRoster.refresh(sessions) : undefined,
  ]);
}

/**
 * After a bulk write that bypassed the hook (scripts/generate.ts, with no app running): rebuilds
 * every worker's and session's document from one read of the enrolments, so no page view pays for
 * building one. Returns how many documents were written.
 */
export async function rebuildEnrolmentReadModels(): Promise<number> {
  const [w, s] = await Promise.all([workerEnrolments.rebuildAll(), sessionRoster.rebuildAll()]);
  return w + s;
}
