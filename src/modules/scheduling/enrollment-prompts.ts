import type { ConfirmLine, ConfirmPrompt } from '../../platform/http/confirm';
import type { BulkPreview, CancellationPreview } from './enrollment.service';

type T = (key: string, params?: Record<string, unknown>) => string;
const MAX_NAMES = 30;

/** "Agus, Budi, Citra" — at most 30 names, then "+12". */
function names(list: string[]): string {
  const shown = list.slice(0, MAX_NAMES).join(', ');
  return list.length > MAX_NAMES ? `${shown} +${list.length - MAX_NAMES}` : shown;
}

/** The confirmation page of cancelling an enrolment, from EnrollmentService.previewCancellation. */
export function cancelPrompt(p: CancellationPreview, enrollmentId: string): ConfirmPrompt {
  const name = p.workerName;
  const effects: ConfirmLine[] = [];
  if (p.status === 'cancelled') effects.push({ key: 'scheduling:confirm_cancel.already' });
  else if (p.self) effects.push({ key: p.status === 'waitlisted' ? 'scheduling:confirm_cancel.self_waitlist' : 'scheduling:confirm_cancel.self_seat' });
  else effects.push({ key: p.status === 'waitlisted' ? 'scheduling:confirm_cancel.leaves_waitlist' : 'scheduling:confirm_cancel.seat', params: { name } });
  if (p.notifiesWorker) effects.push({ key: 'scheduling:confirm_cancel.notified', params: { name } });
  // A worker cancelling their own place is not shown who is next: other workers' names are not theirs to see.
  if (p.promotedName) effects.push(p.self ? { key: 'scheduling:confirm_cancel.next_moves_up' } : { key: 'scheduling:confirm_cancel.promoted', params: { name: p.promotedName } });
  if (p.waitingStays) effects.push({ key: 'scheduling:confirm_cancel.after_cutoff' });
  return {
    title: p.self ? { key: 'scheduling:confirm_cancel.title_self' } : { key: 'scheduling:confirm_cancel.title', params: { name } },
    warnings: p.started ? [{ key: 'scheduling:confirm_cancel.running' }] : [],
    effects,
    action: `/enrollments/${enrollmentId}/cancel`,
    back: `/sessions/${p.sessionId}`,
    submit: 'scheduling:confirm_cancel.submit',
    danger: true,
  };
}

/** The confirmation page of bulk enrolment, from EnrollmentService.previewBulkEnroll. */
export function bulkPrompt(p: BulkPreview, sessionId: string, t: T): ConfirmPrompt {
  const effects: ConfirmLine[] = [
    { key: 'scheduling:confirm_bulk.summary', params: { enrol: p.enrolled.length, wait: p.waitlisted.length, already: p.already.length } },
  ];
  if (p.enrolled.length > 0) effects.push({ key: 'scheduling:confirm_bulk.enrolled', params: { names: names(p.enrolled) } });
  if (p.waitlisted.length > 0) effects.push({ key: 'scheduling:confirm_bulk.waitlisted', params: { names: names(p.waitlisted) } });
  if (p.enrolled.length + p.waitlisted.length > 0) effects.push({ key: 'scheduling:confirm_bulk.notified' });
  if (p.skipped.length > 0) effects.push({ key: 'scheduling:confirm_bulk.skipped', params: { count: p.skipped.length } });
  return {
    title: { key: 'scheduling:confirm_bulk.title' },
    warnings: p.started ? [{ key: 'scheduling:confirm_bulk.running' }] : [],
    effects,
    items: p.skipped.slice(0, MAX_NAMES).map((s) => `${s.name} — ${t(s.reason)}`),
    action: `/sessions/${sessionId}/enrollments/bulk`,
    back: `/sessions/${sessionId}`,
    submit: 'scheduling:confirm_bulk.submit',
  };
}
