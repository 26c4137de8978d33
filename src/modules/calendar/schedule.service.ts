import { trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import { hasRole } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Language } from '../../platform/i18n';
import { addDays, wibParts } from '../../platform/time';
import { Course, Instructor } from '../catalogue';
import { Enrollment, TrainingSession } from '../scheduling';
import { Worker } from '../workers';
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
    const meetings = await meetingsOf(links, wibMidnight(start), wibMidnight(end), lng);
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
      waitlisted: links.workerId ? await waitlistOf(links.workerId, lng) : [],
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
    user.roles.includes('worker') ? Worker.findOne({ user: user.id }, { _id: 1 }).lean() : null,
    user.roles.includes('instructor') ? Instructor.findOne({ user: user.id }, { _id: 1 }).lean() : null,
  ]);
  return { workerId: worker ? String(worker._id) : undefined, instructorId: instructor ? String(instructor._id) : undefined };
}

async function meetingsOf(links: Links, from: Date, to: Date, lng: Language): Promise<ScheduleMeeting[]> {
  const attending: ScheduleMeeting[] = [];
  if (links.workerId) {
    const enrolments = await Enrollment.find({ worker: links.workerId, status: 'enrolled' }, { session: 1 }).lean();
    const rows = await loadMeetingRows({ from, to, sessions: enrolments.map((e) => e.session) }, lng);
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
async function waitlistOf(workerId: string, lng: Language): Promise<WaitlistedRow[]> {
  const mine = await Enrollment.find({ worker: workerId, status: 'waitlisted' }, { session: 1 }).lean();
  if (mine.length === 0) return [];
  const sessionIds = mine.map((e) => String(e.session));
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
