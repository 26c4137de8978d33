import { randomBytes } from 'node:crypto';
import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { AlreadyDoneError, runOnce } from '../../platform/db/claims';
import { withLocks } from '../../platform/db/locks';
import { AppError, NotFoundError, ValidationError } from '../../platform/errors';
import { wibToUtc } from '../../platform/time';
import { Course } from '../catalogue/course.model';
import { Instructor } from '../catalogue/instructor.model';
import { Room } from '../catalogue/room.model';
import type { NotificationsService } from '../notifications';
import { findResourceConflicts, type Conflict } from './conflicts';
import { Enrollment } from './enrollment.model';
import { meetingsChanged } from './meeting-changes';
import { Meeting } from './meeting.model';
import { expandRecurrence, selfOverlaps, type MeetingTime } from './recurrence';
import { assertCanPlan } from './scheduling.policy';
import type { CreateSessionInput, UpdateSessionInput } from './sessions.schemas';
import { TrainingSession } from './session.model';
import { Seat } from './seat.model';

/** Refused because a room, an instructor or a worker is already booked; lists what clashes. */
export class SchedulingConflictError extends AppError {
  constructor(readonly conflicts: Conflict[]) {
    super('conflict', 'scheduling_conflict');
  }
}

export const newCheckinToken = () => randomBytes(24).toString('base64url');

/** Meetings from the form: the listed rows, or the recurrence. */
export function planMeetings(input: CreateSessionInput): MeetingTime[] {
  let meetings: MeetingTime[] = [];
  if (input.plan === 'recurring') {
    const { recurFrom, recurWeeks, recurStart, recurEnd, recurWeekdays } = input;
    const missing: Record<string, string> = {};
    if (!recurFrom) missing.recurFrom = 'validation.required';
    if (!recurWeeks) missing.recurWeeks = 'validation.required';
    if (!recurStart) missing.recurStart = 'validation.required';
    if (!recurEnd) missing.recurEnd = 'validation.required';
    if (recurWeekdays.length === 0) missing.recurWeekdays = 'scheduling:validation.weekdays';
    if (Object.keys(missing).length) throw new ValidationError(missing);
    meetings = expandRecurrence({ from: recurFrom!, weeks: recurWeeks!, startTime: recurStart!, endTime: recurEnd!, weekdays: recurWeekdays }) ?? [];
  } else {
    input.meetingDate.forEach((date, i) => {
      const startText = input.meetingStart[i] ?? '';
      const endText = input.meetingEnd[i] ?? '';
      if (!date && !startText && !endText) return;
      const start = wibToUtc(date, startText);
      const end = wibToUtc(date, endText);
      if (!start || !end) throw new ValidationError({ meetings: 'scheduling:validation.meeting_row' });
      meetings.push({ start, end });
    });
  }
  if (meetings.length === 0) throw new ValidationError({ meetings: 'scheduling:validation.meetings_required' });
  checkMeetingTimes(meetings);
  return meetings.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** `fields` names the form fields a problem is shown at: the one-meeting forms have date/start/end. */
function checkMeetingTimes(meetings: MeetingTime[], fields: { end: string; date: string } = { end: 'meetings', date: 'meetings' }): void {
  if (meetings.some((m) => m.end.getTime() <= m.start.getTime())) throw new ValidationError({ [fields.end]: 'scheduling:validation.end_before_start' });
  if (meetings.some((m) => m.end.getTime() - m.start.getTime() > 12 * 3600 * 1000)) throw new ValidationError({ [fields.end]: 'scheduling:validation.too_long' });
  if (selfOverlaps(meetings).length) throw new ValidationError({ [fields.date]: 'scheduling:validation.self_overlap' });
}

const ONE_MEETING_FIELDS = { end: 'end', date: 'date' };

const oid = (id: string) => new Types.ObjectId(id);

/**
 * The locks a booking holds while it checks for clashes and writes: one per room and per instructor.
 * A check-then-insert is not atomic on any backend, and no unique index can say "no overlapping
 * interval", so bookings of one room (or one instructor) take turns.
 */
export const bookingLocks = (room: string, instructors: string[]) => [`room:${room}`, ...instructors.map((i) => `instructor:${i}`)];

/** Sessions (classes) and their meetings: planning, changes, cancellation. */
export class SessionsService {
  constructor(private readonly deps: { clock: Clock; notifications: NotificationsService; appUrl: string }) {}

  private async assertRefs(courseId: string, roomId: string, instructorIds: string[]): Promise<void> {
    const [course, room, instructors] = await Promise.all([
      Course.exists({ _id: courseId, active: true }),
      Room.exists({ _id: roomId, active: true }),
      Instructor.countDocuments({ _id: trusted({ $in: instructorIds }), active: true }),
    ]);
    const fields: Record<string, string> = {};
    if (!course) fields.course = 'scheduling:validation.course_unknown';
    if (!room) fields.room = 'scheduling:validation.room_unknown';
    if (instructors !== new Set(instructorIds).size) fields.instructors = 'scheduling:validation.instructor_unknown';
    if (Object.keys(fields).length) throw new ValidationError(fields);
  }

  /**
   * Plans a session with its meetings. Once per form (`formToken`, a unique-insert claim); the
   * conflict check and the insert run holding the room's and instructors' locks (see README).
   * Without a capacity, the course's default capacity is taken.
   * @throws ValidationError for bad references or times; SchedulingConflictError naming each clash;
   * AlreadyDoneError (with the session's id) when this form was saved already; LockBusyError.
   */
  async createSession(actor: Actor, input: CreateSessionInput): Promise<string> {
    assertCanPlan(actor);
    const meetings = planMeetings(input);
    if (meetings[0]!.start.getTime() <= this.deps.clock.now().getTime()) throw new ValidationError({ meetings: 'scheduling:validation.in_past' });
    await this.assertRefs(input.course, input.room, input.instructors);
    const capacity = input.capacity ?? (await Course.findById(input.course, { defaultCapacity: 1 }).lean())?.defaultCapacity;
    if (!capacity) throw new ValidationError({ capacity: 'scheduling:validation.capacity_or_course' });
    const book = () => withLocks(bookingLocks(input.room, input.instructors), () => this.insertSession(actor, { ...input, capacity }, meetings));
    if (!input.formToken) return book();
    const once = await runOnce(`form:session:${input.formToken}`, book);
    if (!once.first) throw new AlreadyDoneError('already_saved', once.result);
    return once.result;
  }

  /** The conflict check and the insert; callers hold the booking locks. */
  private async insertSession(actor: Actor, input: CreateSessionInput & { capacity: number }, meetings: MeetingTime[]): Promise<string> {
    const conflicts = await findResourceConflicts(meetings, input.room, input.instructors);
    if (conflicts.length) throw new SchedulingConflictError(conflicts);
    const session = await TrainingSession.create({
      course: input.course,
      instructors: input.instructors,
      room: input.room,
      capacity: input.capacity,
      state: input.state,
      cutoffHours: input.cutoffHours,
      notes: input.notes,
      firstStart: meetings[0]!.start,
      lastEnd: meetings[meetings.length - 1]!.end,
      createdBy: actor.id,
    });
    try {
      await Meeting.insertMany(
        meetings.map((m) => ({ ...m, session: session._id, room: input.room, instructors: input.instructors, checkinToken: newCheckinToken() })),
      );
    } catch (err) {
      // No transactions on FerretDB: remove the half-made session rather than keep it without meetings.
      await Meeting.deleteMany({ session: session._id });
      await TrainingSession.deleteOne({ _id: session._id });
      await meetingsChanged({ sessions: [session._id], starts: meetings.map((m) => m.start) });
      throw err;
    }
    await meetingsChanged({ sessions: [session._id], starts: meetings.map((m) => m.start) });
    return String(session._id);
  }

  /**
   * Changes instructors, room, capacity, state, cut-off and notes. New room/instructors are checked
   * against the session's future meetings; capacity cannot drop below the seats taken. `started` tells
   * the caller that extra seats stay empty: wait-list promotion and joining close at the first meeting.
   */
  async updateSession(actor: Actor, id: string, input: UpdateSessionInput): Promise<{ capacityGrew: boolean; started: boolean }> {
    assertCanPlan(actor);
    const session = await this.getSessionDoc(id);
    if (session.state === 'cancelled') throw new ValidationError({ _form: 'scheduling:validation.cancelled' });
    if (String(session.course) !== input.course && (await Enrollment.exists({ session: session._id, status: trusted({ $ne: 'cancelled' }) }))) {
      throw new ValidationError({ course: 'scheduling:validation.course_locked' });
    }
    await this.assertRefs(input.course, input.room, input.instructors);
    const taken = await Seat.countDocuments({ session: session._id });
    if (input.capacity < taken) throw new ValidationError({ capacity: 'scheduling:validation.capacity_below_taken' });
    const future = await Meeting.find({ session: session._id, cancelled: false, end: trusted({ $gt: this.deps.clock.now() }) }, { start: 1, end: 1 }).lean();
    const conflicts = await findResourceConflicts(future, input.room, input.instructors, id);
    if (conflicts.length) throw new SchedulingConflictError(conflicts);
    await TrainingSession.updateOne(
      { _id: session._id },
      { $set: { course: input.course, instructors: input.instructors, room: input.room, capacity: input.capacity, state: input.state, cutoffHours: input.cutoffHours, notes: input.notes ?? '' } },
    );
    await Meeting.updateMany(
      { session: session._id, end: trusted({ $gt: this.deps.clock.now() }) },
      { $set: { room: oid(input.room), instructors: input.instructors.map(oid) } },
    );
    // Course and state are carried in the meeting read models too, so every session edit refreshes them.
    await meetingsChanged({ sessions: [session._id] });
    const started = !!session.firstStart && session.firstStart.getTime() <= this.deps.clock.now().getTime();
    return { capacityGrew: input.capacity > session.capacity, started };
  }

  /** Moves one meeting (conflict-checked) and tells every enrolled worker at once. */
  async moveMeeting(actor: Actor, sessionId: string, meetingId: string, when: { date: string; start: string; end: string }): Promise<void> {
    assertCanPlan(actor);
    const session = await this.getSessionDoc(sessionId);
    if (session.state === 'cancelled') throw new ValidationError({ _form: 'scheduling:validation.cancelled' });
    const meeting = await this.meetingOf(session._id, meetingId);
    const moved = this.meetingTime(when);
    const others = await Meeting.find({ session: session._id, cancelled: false, _id: trusted({ $ne: meeting._id }) }, { start: 1, end: 1 }).lean();
    checkMeetingTimes([...others, moved], ONE_MEETING_FIELDS);
    const conflicts = await findResourceConflicts([moved], String(session.room), session.instructors.map(String), undefined, meetingId);
    if (conflicts.length) throw new SchedulingConflictError(conflicts);
    await Meeting.updateOne({ _id: meeting._id }, { $set: { start: moved.start, end: moved.end } });
    await this.refreshSpan(session._id);
    // The old start too: a move across a week boundary must leave the old week's bucket.
    await meetingsChanged({ sessions: [session._id], starts: [meeting.start, moved.start] });
    await this.notifyEnrolled(session, `session-rescheduled:${meetingId}:${moved.start.toISOString()}`, 'session-rescheduled', {
      old: meeting.start.toISOString(),
      new: moved.start.toISOString(),
    });
  }

  /**
   * Cancels one meeting of a session: it stays listed, marked cancelled, and frees its room and
   * instructors. Cancelling it again changes nothing. Enrolled workers are not told yet (no notice
   * kind for it). @throws NotFoundError, ValidationError for a cancelled session or a past meeting
   */
  async cancelMeeting(actor: Actor, sessionId: string, meetingId: string): Promise<void> {
    assertCanPlan(actor);
    const session = await this.getSessionDoc(sessionId);
    if (session.state === 'cancelled') throw new ValidationError({ _form: 'scheduling:validation.cancelled' });
    const meeting = await this.meetingOf(session._id, meetingId);
    if (meeting.cancelled) return;
    if (meeting.end.getTime() <= this.deps.clock.now().getTime()) throw new ValidationError({ _form: 'scheduling:validation.in_past' });
    await Meeting.updateOne({ _id: meeting._id }, { $set: { cancelled: true } });
    await this.refreshSpan(session._id);
    await meetingsChanged({ sessions: [session._id], starts: [meeting.start] });
  }

  /** A meeting of the session, read by `_id` alone (a second key would scan on FerretDB). @throws NotFoundError */
  private async meetingOf(sessionId: Types.ObjectId, meetingId: string) {
    const meeting = Types.ObjectId.isValid(meetingId) ? await Meeting.findById(meetingId).lean() : null;
    if (!meeting || String(meeting.session) !== String(sessionId)) throw new NotFoundError();
    return meeting;
  }

  /** Adds a meeting to a session (conflict-checked) and tells enrolled workers. */
  async addMeeting(actor: Actor, sessionId: string, when: { date: string; start: string; end: string }): Promise<void> {
    assertCanPlan(actor);
    const session = await this.getSessionDoc(sessionId);
    if (session.state === 'cancelled') throw new ValidationError({ _form: 'scheduling:validation.cancelled' });
    const added = this.meetingTime(when);
    const others = await Meeting.find({ session: session._id, cancelled: false }, { start: 1, end: 1 }).lean();
    checkMeetingTimes([...others, added], ONE_MEETING_FIELDS);
    const conflicts = await findResourceConflicts([added], String(session.room), session.instructors.map(String));
    if (conflicts.length) throw new SchedulingConflictError(conflicts);
    await Meeting.create({ ...added, session: session._id, room: session.room, instructors: session.instructors, checkinToken: newCheckinToken() });
    await this.refreshSpan(session._id);
    await meetingsChanged({ sessions: [session._id], starts: [added.start] });
    await this.notifyEnrolled(session, `meeting-added:${sessionId}:${added.start.toISOString()}`, 'meeting-added', { new: added.start.toISOString() });
  }

  /** Cancels the session and its meetings; every enrolled or wait-listed worker is told at once. */
  async cancelSession(actor: Actor, id: string, reason: string): Promise<void> {
    assertCanPlan(actor);
    const session = await this.getSessionDoc(id);
    if (session.state === 'cancelled') return;
    await TrainingSession.updateOne({ _id: session._id }, { $set: { state: 'cancelled', cancelledAt: this.deps.clock.now(), cancelReason: reason } });
    await Meeting.updateMany({ session: session._id }, { $set: { cancelled: true } });
    await meetingsChanged({ sessions: [session._id] });
    await this.notifyEnrolled(session, `session-cancelled:${id}`, 'session-cancelled', { reason }, true);
  }

  private meetingTime(when: { date: string; start: string; end: string }): MeetingTime {
    const start = wibToUtc(when.date, when.start);
    const end = wibToUtc(when.date, when.end);
    if (!start || !end) throw new ValidationError({ date: 'scheduling:validation.date' });
    if (start.getTime() <= this.deps.clock.now().getTime()) throw new ValidationError({ date: 'scheduling:validation.in_past' });
    return { start, end };
  }

  private async refreshSpan(sessionId: Types.ObjectId): Promise<void> {
    const meetings = await Meeting.find({ session: sessionId, cancelled: false }, { start: 1, end: 1 }).sort({ start: 1 }).lean();
    if (meetings.length === 0) return;
    const lastEnd = new Date(Math.max(...meetings.map((m) => m.end.getTime())));
    await TrainingSession.updateOne({ _id: sessionId }, { $set: { firstStart: meetings[0]!.start, lastEnd } });
  }

  private async notifyEnrolled(
    session: { _id: Types.ObjectId; course: Types.ObjectId; firstStart?: Date | null },
    key: string,
    kind: string,
    params: Record<string, string>,
    includeWaitlisted = false,
  ): Promise<void> {
    const statuses: ('enrolled' | 'waitlisted')[] = includeWaitlisted ? ['enrolled', 'waitlisted'] : ['enrolled'];
    const enrolled = await Enrollment.find({ session: session._id, status: trusted({ $in: statuses }) }, { worker: 1 }).lean();
    const course = await Course.findById(session.course, { code: 1, title: 1 }).lean();
    await this.deps.notifications.notifyWorkers(
      enrolled.map((e) => String(e.worker)),
      {
        key,
        kind,
        link: `/sessions/${String(session._id)}`,
        params: {
          course_id: `${course?.code ?? ''} ${course?.title?.id || course?.title?.en || ''}`.trim(),
          course_en: `${course?.code ?? ''} ${course?.title?.en || course?.title?.id || ''}`.trim(),
          start: session.firstStart ? session.firstStart.toISOString() : '',
          ...params,
        },
      },
    );
  }

  /** @throws NotFoundError */
  async getSessionDoc(id: string) {
    const session = Types.ObjectId.isValid(id) ? await TrainingSession.findById(id).lean() : null;
    if (!session) throw new NotFoundError('session_not_found');
    return session;
  }
}
