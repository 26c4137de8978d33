import { Types, trusted } from 'mongoose';
import { hasRole, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, isDuplicateKeyError } from '../../platform/errors';
import { Course } from '../catalogue/course.model';
import type { NotificationsService } from '../notifications';
import { Worker } from '../workers/worker.model';
import { findWorkerConflicts } from './conflicts';
import { enrolmentsChanged } from './enrolment-changes';
import { Enrollment } from './enrollment.model';
import { Meeting } from './meeting.model';
import { PrerequisiteMissingError, describeCourses, finishedCourses, prerequisitesOf } from './prerequisites';
import { assertCanPlan } from './scheduling.policy';
import { Seat } from './seat.model';
import { SchedulingConflictError } from './sessions.service';
import { TrainingSession } from './session.model';

export type EnrollOutcome = { status: 'enrolled' | 'waitlisted'; position?: number; enrollmentId: string };

/** What bulkEnroll would do: names, in the order they would be enrolled. */
export interface BulkPreview {
  started: boolean;
  enrolled: string[];
  waitlisted: string[];
  already: string[];
  skipped: { name: string; reason: string }[];
}

/** What cancelEnrollment would do. */
export interface CancellationPreview {
  sessionId: string;
  workerName: string;
  status: string;
  started: boolean;
  /** The worker cancels their own place. */
  self: boolean;
  /** The worker is told (someone else cancels). */
  notifiesWorker: boolean;
  /** Who moves up from the wait-list into the freed seat, if anyone. */
  promotedName: string | null;
  /** People wait, but the cut-off has passed: the seat stays free. */
  waitingStays: boolean;
}

const SKIP_ALREADY = 'scheduling:skip.already';

/** Why bulk enrolment skips a worker (a translation key); other errors are not a skip. */
function skipReason(err: unknown): string {
  if (err instanceof SchedulingConflictError) return 'scheduling:skip.overlap';
  if (err instanceof ValidationError) return Object.values(err.fields)[0] ?? 'validation.invalid';
  if (err instanceof ConflictError) return SKIP_ALREADY;
  throw err;
}

const holdsPlace = (e: { status: string } | null): boolean => !!e && e.status !== 'cancelled';

type SessionLean = {
  _id: Types.ObjectId;
  course: Types.ObjectId;
  capacity: number;
  state: string;
  cutoffHours?: number | null;
  firstStart?: Date | null;
  lastEnd?: Date | null;
};

/**
 * Enrolment with a wait-list. Capacity holds under concurrency because a place is a Seat document
 * under a unique (session, no) index: simultaneous requests for the last seat give it to exactly one,
 * the others are wait-listed in the order their requests were recorded.
 */
export class EnrollmentService {
  /** Promotion runs one at a time per session in this process (see promoteWaitlisted). */
  private readonly promoting = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: { clock: Clock; notifications: NotificationsService }) {}

  /**
   * A coordinator enrols a worker. Refused when the worker is already in, the session is cancelled
   * or over, a prerequisite is missing, or another session of theirs overlaps — the last two unless
   * an override reason is given (kept on the enrolment).
   */
  async enrollWorker(actor: Actor, sessionId: string, workerId: string, overrideReason?: string): Promise<EnrollOutcome> {
    return this.enrollOne(actor, sessionId, workerId, overrideReason);
  }

  /** `batch`: collect the touched workers there and leave the read-model refresh to the caller. */
  private async enrollOne(actor: Actor, sessionId: string, workerId: string, overrideReason?: string, batch?: Set<string>): Promise<EnrollOutcome> {
    assertCanPlan(actor);
    const session = await this.sessionFor(sessionId);
    const worker = await this.admissible(session, workerId, overrideReason);
    return this.place(session, worker._id, 'coordinator', overrideReason, batch);
  }

  /** The checks of enrollWorker, without writing: the worker, or the error enrolling them would throw. */
  private async admissible(session: SessionLean, workerId: string, overrideReason?: string) {
    if (session.state === 'cancelled') throw new ValidationError({ _form: 'scheduling:validation.cancelled' });
    if (this.started(session)) throw new ValidationError({ _form: 'scheduling:validation.started' });
    const worker = await this.workerFor(workerId);
    if (!overrideReason) {
      await this.checkPrerequisites(session, worker._id);
      await this.checkOverlap(session, worker);
    }
    return worker;
  }

  /** A worker asks for a place in an open session from their phone. No overrides here. */
  async requestPlace(actor: Actor, sessionId: string): Promise<EnrollOutcome> {
    const worker = await Worker.findOne({ user: actor.id, active: true }, { name: 1 }).lean();
    if (!worker) throw new ForbiddenError('no_worker_record');
    const session = await this.sessionFor(sessionId);
    if (session.state !== 'open' || this.started(session)) throw new ValidationError({ _form: 'scheduling:validation.not_open' });
    await this.checkPrerequisites(session, worker._id);
    await this.checkOverlap(session, worker);
    return this.place(session, worker._id, 'worker');
  }

  /** Enrols every active worker matching the filter; reports who got a seat, who waits, who was skipped and why. */
  async bulkEnroll(actor: Actor, sessionId: string, workerIds: string[]) {
    assertCanPlan(actor);
    const result = { enrolled: 0, waitlisted: 0, skipped: [] as { name: string; reason: string }[] };
    // One read-model refresh for the whole batch (each refresh reads the enrolments once).
    const touched = new Set<string>();
    try {
      for (const w of await this.bulkWorkers(workerIds)) {
        try {
          const outcome = await this.enrollOne(actor, sessionId, String(w._id), undefined, touched);
          result[outcome.status]++;
        } catch (err) {
          result.skipped.push({ name: w.name, reason: skipReason(err) });
        }
      }
    } finally {
      if (touched.size > 0) await enrolmentsChanged({ workers: [...touched], sessions: [sessionId] });
    }
    return result;
  }

  /**
   * What bulkEnroll would do now, writing nothing (the confirmation page): the same workers in the
   * same order through the same checks; seats go to them in that order once the wait-list ahead of
   * them is served, as place() does. `already` are those enrolled or wait-listed before.
   */
  async previewBulkEnroll(actor: Actor, sessionId: string, workerIds: string[]): Promise<BulkPreview> {
    assertCanPlan(actor);
    const session = await this.sessionFor(sessionId);
    const [seats, queued] = await Promise.all([Seat.countDocuments({ session: session._id }), Enrollment.countDocuments({ session: session._id, status: 'waitlisted' })]);
    let free = Math.max(0, session.capacity - seats - queued);
    const preview: BulkPreview = { started: this.started(session), enrolled: [], waitlisted: [], already: [], skipped: [] };
    for (const w of await this.bulkWorkers(workerIds)) {
      try {
        const worker = await this.admissible(session, String(w._id));
        if (holdsPlace(await this.currentEnrollment(session, worker._id))) throw new ConflictError('already_enrolled');
        if (free > 0) {
          free--;
          preview.enrolled.push(w.name);
        } else preview.waitlisted.push(w.name);
      } catch (err) {
        const reason = skipReason(err);
        if (reason === SKIP_ALREADY) preview.already.push(w.name);
        else preview.skipped.push({ name: w.name, reason });
      }
    }
    return preview;
  }

  private async bulkWorkers(workerIds: string[]) {
    return Worker.find({ _id: trusted({ $in: workerIds }) }, { name: 1 }).sort({ name: 1 }).lean();
  }

  /**
   * Cancels an enrolment (the worker themselves, or a coordinator). A freed seat goes to the first
   * wait-listed worker while the cut-off has not passed.
   */
  async cancelEnrollment(actor: Actor, enrollmentId: string): Promise<void> {
    const { enrollment, session } = await this.cancellable(actor, enrollmentId);
    if (enrollment.status === 'cancelled') return;
    await Enrollment.updateOne(
      { _id: enrollment._id },
      { $set: { status: 'cancelled', cancelledAt: this.deps.clock.now(), cancelledBy: actor.id }, $unset: { waitlistedAt: 1 } },
    );
    const freed = await Seat.deleteOne({ enrollment: enrollment._id });
    const promoted = freed.deletedCount > 0 ? await this.promoteSerial(String(session._id), {}) : [];
    await enrolmentsChanged({ workers: [enrollment.worker, ...promoted], sessions: [session._id] });
    if (await this.byStaff(actor, enrollment.worker)) {
      await this.deps.notifications.notifyWorkers([String(enrollment.worker)], {
        key: `enrollment-cancelled:${String(enrollment._id)}:${this.deps.clock.now().getTime()}`,
        kind: 'enrollment-cancelled',
        link: `/sessions/${String(session._id)}`,
        params: await this.courseParams(session),
      });
    }
  }

  /**
   * What cancelEnrollment would do now, writing nothing (the confirmation page): whose place it is,
   * whether they are told, and who moves up from the wait-list into the freed seat. The same checks
   * as cancelEnrollment (NotFoundError, ForbiddenError, ValidationError).
   */
  async previewCancellation(actor: Actor, enrollmentId: string): Promise<CancellationPreview> {
    const { enrollment, session } = await this.cancellable(actor, enrollmentId);
    const worker = await Worker.findById(enrollment.worker, { name: 1 }).lean();
    const active = enrollment.status !== 'cancelled';
    const freesSeat = active && !!(await Seat.exists({ enrollment: enrollment._id }));
    const next = freesSeat && this.promotionOpen(session, {}) ? await this.nextInLine(session._id) : null;
    const promoted = next ? await Worker.findById(next.worker, { name: 1 }).lean() : null;
    const self = !(await this.byStaff(actor, enrollment.worker));
    return {
      sessionId: String(session._id),
      workerName: worker?.name ?? '',
      status: enrollment.status,
      started: this.started(session),
      self,
      notifiesWorker: active && !self,
      promotedName: promoted?.name ?? null,
      waitingStays: freesSeat && !next && (await Enrollment.exists({ session: session._id, status: 'waitlisted' })) !== null,
    };
  }

  /** The enrolment and its session, when the actor may cancel it. */
  private async cancellable(actor: Actor, enrollmentId: string) {
    const enrollment = Types.ObjectId.isValid(enrollmentId) ? await Enrollment.findById(enrollmentId).lean() : null;
    if (!enrollment) throw new NotFoundError();
    if (!hasRole(actor, 'coordinator', 'admin')) {
      const own = await Worker.exists({ _id: enrollment.worker, user: actor.id });
      if (!own) throw new ForbiddenError();
    }
    const session = await this.sessionFor(String(enrollment.session));
    if (enrollment.status !== 'cancelled' && this.started(session) && !hasRole(actor, 'coordinator', 'admin')) {
      throw new ValidationError({ _form: 'scheduling:validation.started' });
    }
    return { enrollment, session };
  }

  /** Someone other than the worker cancels: the worker is told. */
  private async byStaff(actor: Actor, workerId: Types.ObjectId): Promise<boolean> {
    return !(await Worker.exists({ _id: workerId, user: actor.id }));
  }

  /** Whether freed seats go to the wait-list now (see promoteWaitlisted). */
  private promotionOpen(session: SessionLean, opts: { ignoreCutoff?: boolean }): boolean {
    if (session.state === 'cancelled' || this.started(session)) return false;
    return !!opts.ignoreCutoff || this.beforeCutoff(session);
  }

  /** The head of the wait-list: first come, first served. */
  private async nextInLine(sessionId: Types.ObjectId) {
    return Enrollment.findOne({ session: sessionId, status: 'waitlisted' }).sort({ waitlistedAt: 1, _id: 1 }).lean();
  }

  /**
   * Fills free seats from the wait-list in order (first come, first served). After a cancellation it
   * stops at the cut-off before the first meeting (default 24 h): a last-minute place nobody can act
   * on helps no one. A worker who had been told they were wait-listed is told of the promotion.
   * Safe to run twice or concurrently: a seat is an insert under unique indexes.
   */
  async promoteWaitlisted(sessionId: string, opts: { ignoreCutoff?: boolean } = {}): Promise<number> {
    const promoted = await this.promoteSerial(sessionId, opts);
    if (promoted.length > 0) await enrolmentsChanged({ workers: promoted, sessions: [sessionId] });
    return promoted.length;
  }

  /** promoteWaitlisted without the read-model refresh (the caller refreshes): the promoted workers. */
  private promoteSerial(sessionId: string, opts: { ignoreCutoff?: boolean }): Promise<string[]> {
    return this.serially(sessionId, () => this.promoteNow(sessionId, opts));
  }

  /**
   * Runs `work` after every earlier one of the session in this process (joining the queue and
   * promotion passes). Serialised so that when a request's own promotion pass returns, every seat it
   * could fill is filled, so what the requester is told (enrolled or wait-listed) is final; and so
   * that joins are written one after another, in the order of their ids — the wait-list's order —
   * and the place each is told is not taken by a join that started earlier but landed later.
   * Across processes the seat indexes still keep capacity exact; at worst someone told
   * "wait-listed" is promoted a moment later (and is told so), or two are told the same place.
   */
  private async serially<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.promoting.get(sessionId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    this.promoting.set(sessionId, run);
    try {
      return await run;
    } finally {
      if (this.promoting.get(sessionId) === run) this.promoting.delete(sessionId);
    }
  }

  private async promoteNow(sessionId: string, opts: { ignoreCutoff?: boolean }): Promise<string[]> {
    const session = await this.sessionFor(sessionId);
    if (!this.promotionOpen(session, opts)) return [];
    const promoted: string[] = [];
    for (;;) {
      const next = await this.nextInLine(session._id);
      if (!next) return promoted;
      if (!(await this.takeSeat(session, next._id))) return promoted;
      const now = this.deps.clock.now();
      const r = await Enrollment.updateOne(
        { _id: next._id, status: 'waitlisted' },
        { $set: { status: 'enrolled', enrolledAt: now, promotedAt: now }, $unset: { waitlistedAt: 1 } },
      );
      const current = await Enrollment.findById(next._id, { status: 1, toldWaitlisted: 1 }).lean();
      if (r.modifiedCount === 0) {
        // Someone else promoted it (keep its seat) or it was cancelled meanwhile (free the seat again).
        if (current?.status !== 'enrolled') await Seat.deleteOne({ enrollment: next._id });
        continue;
      }
      promoted.push(String(next.worker));
      if (current?.toldWaitlisted) {
        await this.deps.notifications.notifyWorkers([String(next.worker)], {
          key: `waitlist-promoted:${String(next._id)}:${now.getTime()}`,
          kind: 'waitlist-promoted',
          link: `/sessions/${sessionId}`,
          params: await this.courseParams(session),
        });
      }
    }
  }

  /** Position on the wait-list (1 = next), or null when not wait-listed. */
  async waitlistPosition(enrollmentId: Types.ObjectId, sessionId: Types.ObjectId): Promise<number | null> {
    const rows = await Enrollment.find({ session: sessionId, status: 'waitlisted' }, { _id: 1 }).sort({ waitlistedAt: 1, _id: 1 }).lean();
    const i = rows.findIndex((r) => String(r._id) === String(enrollmentId));
    return i < 0 ? null : i + 1;
  }

  /**
   * Every request joins the queue first and seats are then filled from its head, so the order of
   * arrival decides who gets the last seats, however many requests run at once.
   */
  private async place(session: SessionLean, workerId: Types.ObjectId, by: 'coordinator' | 'worker', overrideReason?: string, batch?: Set<string>): Promise<EnrollOutcome> {
    const now = this.deps.clock.now();
    const { id, promoted, waiting } = await this.serially(String(session._id), async () => {
      let enrollment = await this.currentEnrollment(session, workerId);
      if (holdsPlace(enrollment)) throw new ConflictError('already_enrolled');
      const fields = { status: 'waitlisted' as const, requestedBy: by, waitlistedAt: now, overrideReason, toldWaitlisted: false };
      if (enrollment) {
        const r = await Enrollment.updateOne(
          { _id: enrollment._id, status: 'cancelled' },
          { $set: fields, $unset: { cancelledAt: 1, cancelledBy: 1, enrolledAt: 1, promotedAt: 1 } },
        );
        if (r.modifiedCount === 0) throw new ConflictError('already_enrolled');
      } else {
        try {
          enrollment = (await Enrollment.create({ session: session._id, worker: workerId, ...fields })).toObject();
        } catch (err) {
          if (isDuplicateKeyError(err)) throw new ConflictError('already_enrolled');
          throw err;
        }
      }
      const joined = enrollment!._id;
      const moved = await this.promoteNow(String(session._id), { ignoreCutoff: true });
      // Still waiting? Say so (and remember we said it, so a later promotion is announced).
      const told = await Enrollment.updateOne({ _id: joined, status: 'waitlisted' }, { $set: { toldWaitlisted: true } });
      return { id: joined, promoted: moved, waiting: told.modifiedCount === 1 ? { position: (await this.waitlistPosition(joined, session._id)) ?? undefined } : null };
    });
    if (batch) [String(workerId), ...promoted].forEach((w) => batch.add(w));
    else await enrolmentsChanged({ workers: [workerId, ...promoted], sessions: [session._id] });
    const params = await this.courseParams(session);
    if (waiting) {
      const position = waiting.position;
      await this.deps.notifications.notifyWorkers([String(workerId)], {
        key: `waitlisted:${String(id)}:${now.getTime()}`,
        kind: 'waitlisted',
        link: `/sessions/${String(session._id)}`,
        params: { ...params, position: String(position ?? '') },
      });
      return { status: 'waitlisted', position, enrollmentId: String(id) };
    }
    await this.deps.notifications.notifyWorkers([String(workerId)], {
      key: `enrolled:${String(id)}:${now.getTime()}`,
      kind: 'enrolled',
      link: `/sessions/${String(session._id)}`,
      params,
    });
    return { status: 'enrolled', enrollmentId: String(id) };
  }

  private async currentEnrollment(session: SessionLean, workerId: Types.ObjectId) {
    return Enrollment.findOne({ session: session._id, worker: workerId }).lean();
  }

  /** Tries the free seat numbers; a duplicate key means someone else got that one first. */
  private async takeSeat(session: SessionLean, enrollmentId: Types.ObjectId): Promise<boolean> {
    const taken = new Set((await Seat.find({ session: session._id }, { no: 1 }).lean()).map((s) => s.no));
    for (let no = 1; no <= session.capacity; no++) {
      if (taken.has(no)) continue;
      try {
        await Seat.create({ session: session._id, no, enrollment: enrollmentId });
        return true;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        if (await Seat.exists({ enrollment: enrollmentId })) return true;
      }
    }
    return false;
  }

  /** @throws PrerequisiteMissingError naming the courses still to take and an open class of each. */
  private async checkPrerequisites(session: SessionLean, workerId: Types.ObjectId): Promise<void> {
    const required = (await prerequisitesOf([session.course])).get(String(session.course)) ?? [];
    if (required.length === 0) return;
    const now = this.deps.clock.now();
    const done = await finishedCourses(workerId, required, now);
    const missing = required.filter((c) => !done.has(c));
    if (missing.length) throw new PrerequisiteMissingError(await describeCourses(missing, now));
  }

  private async checkOverlap(session: SessionLean, worker: { _id: Types.ObjectId; name: string }): Promise<void> {
    const meetings = await Meeting.find({ session: session._id, cancelled: false }, { start: 1, end: 1 }).lean();
    const conflicts = await findWorkerConflicts(String(worker._id), worker.name, meetings, String(session._id));
    if (conflicts.length) throw new SchedulingConflictError(conflicts);
  }

  private started(session: SessionLean): boolean {
    return !!session.firstStart && session.firstStart.getTime() <= this.deps.clock.now().getTime();
  }

  private beforeCutoff(session: SessionLean): boolean {
    if (!session.firstStart) return true;
    const cutoff = session.firstStart.getTime() - (session.cutoffHours ?? 24) * 3600 * 1000;
    return this.deps.clock.now().getTime() < cutoff;
  }

  private async sessionFor(id: string): Promise<SessionLean> {
    const s = Types.ObjectId.isValid(id) ? await TrainingSession.findById(id).lean() : null;
    if (!s) throw new NotFoundError('session_not_found');
    return s;
  }

  private async workerFor(id: string) {
    const w = Types.ObjectId.isValid(id) ? await Worker.findOne({ _id: id, active: true }, { name: 1 }).lean() : null;
    if (!w) throw new ValidationError({ worker: 'scheduling:validation.worker_unknown' });
    return w;
  }

  private async courseParams(session: SessionLean): Promise<Record<string, string>> {
    const course = await Course.findById(session.course, { code: 1, title: 1 }).lean();
    return {
      course_id: `${course?.code ?? ''} ${course?.title?.id || course?.title?.en || ''}`.trim(),
      course_en: `${course?.code ?? ''} ${course?.title?.en || course?.title?.id || ''}`.trim(),
      start: session.firstStart ? session.firstStart.toISOString() : '',
    };
  }
}
