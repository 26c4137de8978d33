import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { isDuplicateKeyError, ValidationError } from '../../platform/errors';
import { Enrollment } from '../scheduling';
import { attendanceChanged } from './attendance-changes';
import { Attendance, type AttendanceStatus } from './attendance.model';
import { sessionAttendance } from './attendance.read-model';
import { canRecordStatus } from './attendance.rules';
import { statusField, type AttendanceMarks } from './attendance.schemas';
import {
  assertTeaches,
  enrolledWorkers,
  loadMeeting,
  type EnrolledWorker,
  type MeetingContext,
} from './attendance.context';

export interface RegisterRow extends EnrolledWorker {
  status: AttendanceStatus | null;
  via: 'manual' | 'qr' | null;
  recordedAt: Date | null;
}

export interface Register extends MeetingContext {
  rows: RegisterRow[];
  /** The meeting (or its session) is cancelled: nothing can be recorded. */
  cancelled: boolean;
  /** The check-in window has opened, so present/late/absent can be recorded (excused always). */
  started: boolean;
}

export interface SignInSheet extends MeetingContext {
  workers: EnrolledWorker[];
}

/**
 * Attendance per meeting taken by coordinators, admins and the meeting's instructors: the
 * register (one radio group per enrolled worker), the printable sign-in sheet (the QR screen:
 * checkin-screen.service.ts). Every method checks the actor first (ForbiddenError), then the meeting
 * (NotFoundError).
 */
export class AttendanceService {
  constructor(private readonly deps: { clock: Clock }) {}

  /** The attendance form of a meeting: enrolled workers with what is recorded so far. */
  async getRegister(actor: Actor, meetingId: string): Promise<Register> {
    const ctx = await loadMeeting(meetingId);
    await assertTeaches(actor, ctx.meeting.instructorIds);
    // The session's records from its read model (one read by `_id`; a filter on attendance scans it all).
    const [workers, stored] = await Promise.all([enrolledWorkers(ctx.meeting.sessionId), sessionAttendance.get(ctx.meeting.sessionId)]);
    const byWorker = new Map(stored.records.filter((r) => r.meeting === ctx.meeting.id).map((r) => [r.worker, r]));
    const rows = workers.map((w) => {
      const r = byWorker.get(w.id);
      return { ...w, status: r?.status ?? null, via: r?.via ?? null, recordedAt: r?.recordedAt ?? r?.updatedAt ?? null };
    });
    return {
      ...ctx,
      rows,
      cancelled: ctx.meeting.cancelled || ctx.session.cancelled,
      started: canRecordStatus('present', ctx.meeting, this.deps.clock.now()),
    };
  }

  /**
   * Saves the whole form at once: one record per (meeting, worker), marked `via: 'manual'` with the
   * actor as `recordedBy`. Unchanged marks are left alone, so a QR check-in keeps its origin.
   * ValidationError (nothing written) when the meeting is cancelled, a worker is not enrolled, or
   * present/late/absent is given before the check-in window opens. Returns how many changed.
   */
  async recordAttendance(actor: Actor, meetingId: string, marks: AttendanceMarks): Promise<number> {
    const ctx = await loadMeeting(meetingId);
    await assertTeaches(actor, ctx.meeting.instructorIds);
    if (ctx.meeting.cancelled || ctx.session.cancelled) {
      throw new ValidationError({ _form: 'attendance:validation.meeting_cancelled' });
    }
    const workerIds = Object.keys(marks);
    const enrolled = await Enrollment.find({ session: ctx.meeting.sessionId, status: 'enrolled' }, { worker: 1 }).lean();
    const enrolledIds = new Set(enrolled.map((e) => String(e.worker)));
    if (workerIds.some((id) => !enrolledIds.has(id))) {
      throw new ValidationError({ _form: 'attendance:validation.not_enrolled' });
    }
    const now = this.deps.clock.now();
    const early = workerIds.filter((id) => !canRecordStatus(marks[id]!, ctx.meeting, now));
    if (early.length > 0) {
      throw new ValidationError(Object.fromEntries(early.map((id) => [statusField(id), 'attendance:validation.not_yet'])));
    }

    // What to write is decided on the source, not the read model (a write path; rare).
    const existing = await Attendance.find({ meeting: ctx.meeting.id }, { worker: 1, status: 1 }).lean();
    const current = new Map(existing.map((r) => [String(r.worker), r.status]));
    const changed = workerIds.filter((id) => current.get(id) !== marks[id]);
    try {
      for (const workerId of changed) {
        await saveManual(ctx, workerId, marks[workerId]!, actor.id, now);
      }
    } finally {
      // Also after a failure part-way: the records saved so far must reach the read model.
      if (changed.length > 0) await attendanceChanged({ sessions: [ctx.meeting.sessionId] });
    }
    return changed.length;
  }

  /**
   * "Mark all present": every enrolled worker of the meeting without a record yet is recorded
   * present (manual, by the actor); what is recorded already (excused, a QR check-in) is kept.
   * Each record is an insert under the unique (meeting, worker) index, so a check-in or another
   * instructor's save that lands meanwhile wins instead of being overwritten. ValidationError
   * when the meeting is cancelled or check-in has not opened. Returns how many were marked.
   */
  async markAllPresent(actor: Actor, meetingId: string): Promise<number> {
    const ctx = await loadMeeting(meetingId);
    await assertTeaches(actor, ctx.meeting.instructorIds);
    if (ctx.meeting.cancelled || ctx.session.cancelled) {
      throw new ValidationError({ _form: 'attendance:validation.meeting_cancelled' });
    }
    const now = this.deps.clock.now();
    if (!canRecordStatus('present', ctx.meeting, now)) throw new ValidationError({ _form: 'attendance:validation.not_yet' });
    const [enrolled, existing] = await Promise.all([
      Enrollment.find({ session: ctx.meeting.sessionId, status: 'enrolled' }, { worker: 1 }).lean(),
      Attendance.find({ meeting: ctx.meeting.id }, { worker: 1 }).lean(),
    ]);
    const marked = new Set(existing.map((r) => String(r.worker)));
    const unmarked = enrolled.map((e) => String(e.worker)).filter((id) => !marked.has(id));
    let count = 0;
    try {
      for (const workerId of unmarked) {
        try {
          await Attendance.create({ meeting: ctx.meeting.id, worker: workerId, session: ctx.meeting.sessionId, status: 'present', via: 'manual', recordedBy: actor.id, recordedAt: now });
          count++;
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
        }
      }
    } finally {
      if (count > 0) await attendanceChanged({ sessions: [ctx.meeting.sessionId] });
    }
    return count;
  }

  /** The printable A4 sign-in sheet: the meeting and its enrolled workers with their workshops. */
  async getSignInSheet(actor: Actor, meetingId: string): Promise<SignInSheet> {
    const ctx = await loadMeeting(meetingId);
    await assertTeaches(actor, ctx.meeting.instructorIds);
    return { ...ctx, workers: await enrolledWorkers(ctx.meeting.sessionId) };
  }
}

/**
 * Upsert of one record, portable to FerretDB (its upserts are not atomic): update by the unique
 * key; when nothing matched, insert; when the insert loses a race (duplicate key), update again.
 */
async function saveManual(
  ctx: MeetingContext,
  workerId: string,
  status: AttendanceStatus,
  userId: string,
  now: Date,
): Promise<void> {
  const key = { meeting: ctx.meeting.id, worker: workerId };
  const set = { status, via: 'manual' as const, recordedBy: userId, recordedAt: now, session: ctx.meeting.sessionId };
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await Attendance.updateOne(key, { $set: set }, { runValidators: true });
    if (res.matchedCount > 0) return;
    try {
      await Attendance.create({ ...key, ...set });
      return;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  throw new Error(`attendance for meeting ${ctx.meeting.id} and worker ${workerId} could not be saved`);
}
