import { trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import { hasRole } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Language } from '../../platform/i18n';
import { addDays, wibParts } from '../../platform/time';
import { Course, Instructor } from '../catalogue';
import { Enrollment, TrainingSession } from '../scheduling';
import { findWorkerIdByUser } from '../workers';
import { buildDays, wibMidnight, type DayCell } from './calendar-grid';
import { assertHasSchedule } from './calendar.policy';
import { loadMeetingRows, titleIn, type MeetingRow } from './meeting-rows';

/** Days shown per page of the personal schedule. */
export const SCHEDULE_DAYS = 60;

export interface ScheduleMeeting extends MeetingRow {
  /** Why it is on the schedule: attending as a worker, or teaching. */
  as: 'attending' | 'teaching';
}

export interface WaitlistedRow {
  sessionId: string;
  courseCode: string;
  courseTitle: string;
  firstStart: Date | null;
  /** 1 = next to be promoted. */
  position: number;
  cancelled: boolean;
}

export interface SchedulePage {
  from: string;
  last: string;
  fromAt: Date;
  lastAt: Date;
  earlier: string;
  later: string;
  days: DayCell<ScheduleMeeting>[];
  count: number;
  waitlisted: WaitlistedRow[];
  /** Per role the user holds: whether their account is linked to a worker / instructor record. */
  linked: { worker?: boolean; instructor?: boolean };
  teachingAndAttending: boolean;
}

/** A worker's and an instructor's own meetings: the personal schedule page and the personal iCal feed. */
export class ScheduleService {
  constructor(private readonly deps: { clock: Clock }) {}

  /**
   * The schedule page: meetings from `from` (default today, WIB) for SCHEDULE_DAYS days of the
   * sessions the actor is enrolled in or teaches, and their wait-list places. Throws ForbiddenError
   * for accounts that are neither worker nor instructor.
   */
  async mySchedule(actor: Actor, from: string | undefined, lng: Language): Promise<SchedulePage> {
    assertHasSchedule(actor);
    const today = wibParts(this.deps.clock.now()).date;
    const start = from ?? today;
    const end = addDays(start, SCHEDULE_DAYS);
    const links = await linksOf(actor);
    // One read of the worker's enrolments serves both lists (on FerretDB each is a full scan).
    const mine = links.workerId
      ? await Enrollment.find({ worker: links.workerId, status: trusted({ $in: ['enrolled', 'waitlisted'] }) }, { session: 1, status: 1 }).lean()
      : [];
    const sessionsIn = (status: string) => mine.filter((e) => e.status === status).map((e) => e.session);
    const meetings = await meetingsOf(links, wibMidnight(start), wibMidnight(end), lng, sessionsIn('enrolled'));
    const days = buildDays(start, end, meetings, { today }).filter((d) => d.items.length > 0);
    return {
      from: start,
      last: addDays(end, -1),
      fromAt: wibMidnight(start),
      lastAt: wibMidnight(addDays(end, -1)),
      earlier: addDays(start, -SCHEDULE_DAYS),
      later: end,
      days,
      count: meetings.length,
      waitlisted: links.workerId ? await waitlistOf(links.workerId, sessionsIn('waitlisted'), lng) : [],
      linked: {
        ...(hasRole(actor, 'worker') ? { worker: !!links.workerId } : {}),
        ...(hasRole(actor, 'instructor') ? { instructor: !!links.instructorId } : {}),
      },
      teachingAndAttending: meetings.some((m) => m.as === 'teaching') && meetings.some((m) => m.as === 'attending'),
    };
  }

  /**
   * The meetings of a user's personal feed between two instants: enrolled sessions (not the
   * wait-list) and taught meetings, cancelled ones included so subscribed calendars drop them.
   */
  async meetingsForUser(user: { id: string; roles: readonly string[] }, from: Date, to: Date, lng: Language): Promise<ScheduleMeeting[]> {
    return meetingsOf(await linksOf(user), from, to, lng);
  }
}

interface Links {
  workerId?: string;
  instructorId?: string;
}

/** The worker and instructor records linked to an account, for the roles it holds. */
async function linksOf(user: { id: string; roles: readonly string[] }): Promise<Links> {
  const [worker, instructor] = await Promise.all([
    user.roles.includes('worker') ? findWorkerIdByUser(user.id) : null,
    user.roles.includes('instructor') ? Instructor.findOne({ user: user.id }, { _id: 1 }).lean() : null,
  ]);
  return { workerId: worker ?? undefined, instructorId: instructor ? String(instructor._id) : undefined };
}

/** `enrolled`: the worker's enrolled sessions when already read (else read here). */
async function meetingsOf(links: Links, from: Date, to: Date, lng: Language, enrolled?: readonly unknown[]): Promise<ScheduleMeeting[]> {
  const attending: ScheduleMeeting[] = [];
  if (links.workerId) {
    const sessions = enrolled ?? (await Enrollment.find({ worker: links.workerId, status: 'enrolled' }, { session: 1 }).lean()).map((e) => e.session);
    const rows = await loadMeetingRows({ from, to, sessions: sessions.map(String) }, lng);
    attending.push(...rows.map((r) => ({ ...r, as: 'attending' as const })));
  }
  const teaching: ScheduleMeeting[] = [];
  if (links.instructorId) {
    const rows = await loadMeetingRows({ from, to, instructor: links.instructorId }, lng);
    teaching.push(...rows.map((r) => ({ ...r, as: 'teaching' as const })));
  }
  // Someone who teaches a session they are also enrolled in sees each meeting once, as teaching.
  const seen = new Set(teaching.map((m) => m.id));
  return [...teaching, ...attending.filter((m) => !seen.has(m.id))].sort(
    (a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id),
  );
}

/** The worker's wait-listed sessions with their place in line (order: waitlistedAt, then _id). */
async function waitlistOf(workerId: string, waitlistedSessions: readonly unknown[], lng: Language): Promise<WaitlistedRow[]> {
  if (waitlistedSessions.length === 0) return [];
  const sessionIds = waitlistedSessions.map(String);
  const [line, sessions] = await Promise.all([
    Enrollment.find({ session: trusted({ $in: sessionIds }), status: 'waitlisted' }, { session: 1, worker: 1, waitlistedAt: 1 }).lean(),
    TrainingSession.find({ _id: trusted({ $in: sessionIds }) }, { course: 1, state: 1, firstStart: 1 }).lean(),
  ]);
  const courses = await Course.find({ _id: trusted({ $in: sessions.map((s) => String(s.course)) }) }, { code: 1, title: 1 }).lean();
  const courseById = new Map(courses.map((c) => [String(c._id), c]));
  const key = (e: { waitlistedAt?: Date | null; _id: unknown }) => `${(e.waitlistedAt ?? new Date(0)).toISOString()}|${String(e._id)}`;
  return sessions
    .map((s) => {
      const queue = line.filter((e) => String(e.session) === String(s._id)).sort((a, b) => key(a).localeCompare(key(b)));
      const course = courseById.get(String(s.course));
      return {
        sessionId: String(s._id),
        courseCode: course?.code ?? '',
        courseTitle: titleIn(course, lng),
        firstStart: s.firstStart ?? null,
        position: queue.findIndex((e) => String(e.worker) === workerId) + 1,
        cancelled: s.state === 'cancelled',
      };
    })
    .sort((a, b) => (a.firstStart?.getTime() ?? Infinity) - (b.firstStart?.getTime() ?? Infinity));
}
