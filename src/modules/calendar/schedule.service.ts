import type { Actor } from '../../platform/actor';
import { hasRole } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Language } from '../../platform/i18n';
import { addDays, wibParts } from '../../platform/time';
import { cachedCourses, findInstructorIdByUser } from '../catalogue';
import { TrainingSession, sessionRoster, waitlistPlace, workerEnrolments } from '../scheduling';
import { checkinTiming } from '../attendance';
import { findWorkerIdByUser } from '../workers';
import { buildDays, wibMidnight, type DayCell } from './calendar-grid';
import { assertHasSchedule } from './calendar.policy';
import { loadMeetingRows, titleIn, type MeetingRow } from './meeting-rows';

/** Days shown per page of the personal schedule. */
export const SCHEDULE_DAYS = 60;

export interface ScheduleMeeting extends MeetingRow {
  /** Why it is on the schedule: attending as a worker, or teaching. */
  as: 'attending' | 'teaching';
  /** Attending, not cancelled, and its check-in window is open now: the page offers "Absen sekarang". */
  checkinOpen?: boolean;
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
    // The worker's enrolments from their read model (one read by `_id`; a filter would scan them all).
    const mine = links.workerId ? (await workerEnrolments.get(links.workerId)).enrolments : [];
    const sessionsIn = (status: string) => mine.filter((e) => e.status === status).map((e) => e.session);
    const now = this.deps.clock.now();
    const meetings = (await meetingsOf(links, wibMidnight(start), wibMidnight(end), lng, sessionsIn('enrolled'))).map((m) => {
      const timing = m.as === 'attending' && !m.cancelled ? checkinTiming(m, now) : 'closed';
      return { ...m, checkinOpen: timing === 'present' || timing === 'late' };
    });
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
      waitlisted: links.workerId ? await waitlistOf(mine.filter((e) => e.status === 'waitlisted'), lng) : [],
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
    user.roles.includes('instructor') ? findInstructorIdByUser(user.id) : null,
  ]);
  return { workerId: worker ?? undefined, instructorId: instructor ?? undefined };
}

/** `enrolled`: the worker's enrolled sessions when already read (else read here). */
async function meetingsOf(links: Links, from: Date, to: Date, lng: Language, enrolled?: readonly unknown[]): Promise<ScheduleMeeting[]> {
  const attending: ScheduleMeeting[] = [];
  if (links.workerId) {
    const sessions = enrolled ?? (await workerEnrolments.get(links.workerId)).enrolments.filter((e) => e.status === 'enrolled').map((e) => e.session);
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
async function waitlistOf(waitlisted: readonly { id: string; session: string }[], lng: Language): Promise<WaitlistedRow[]> {
  if (waitlisted.length === 0) return [];
  const sessionIds = waitlisted.map((e) => e.session);
  // Point reads only: each session's roster and the session itself by `_id`, in parallel.
  const [rosters, found, courses] = await Promise.all([
    sessionRoster.getMany(sessionIds),
    Promise.all(sessionIds.map((id) => TrainingSession.findById(id, { course: 1, state: 1, firstStart: 1 }).lean())),
    cachedCourses.all(),
  ]);
  const enrolmentOf = new Map(waitlisted.map((e) => [e.session, e.id]));
  return found
    .filter((s) => !!s)
    .map((s) => {
      const course = courses.get(String(s.course));
      const roster = rosters.get(String(s._id));
      return {
        sessionId: String(s._id),
        courseCode: course?.code ?? '',
        courseTitle: titleIn(course, lng),
        firstStart: s.firstStart ?? null,
        position: roster ? waitlistPlace(roster, enrolmentOf.get(String(s._id)) ?? '') ?? 0 : 0,
        cancelled: s.state === 'cancelled',
      };
    })
    .sort((a, b) => (a.firstStart?.getTime() ?? Infinity) - (b.firstStart?.getTime() ?? Infinity));
}
