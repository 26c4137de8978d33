import type { Actor } from '../../platform/actor';
import { hasRole } from '../../platform/actor';
import { NotFoundError } from '../../platform/errors';
import { cachedCourses, cachedInstructors, cachedRooms, findInstructorIdByUser } from '../catalogue';
import { Meeting, TrainingSession, sessionRoster } from '../scheduling';
import { cachedWorkers } from '../workers';
import { cachedWorkshops, displayName } from '../workshops';
import { assertCanTakeAttendance } from './attendance.policy';

/**
 * Loading what the attendance pages show, with one query per collection ($lookup is missing on
 * FerretDB): lean, projected reads joined in TypeScript.
 */

export const isObjectId = (v: unknown): v is string => typeof v === 'string' && /^[a-f0-9]{24}$/i.test(v);

export interface CourseInfo {
  id: string;
  code: string;
  title: { id: string; en: string };
  minAttendancePct: number;
}

export interface SessionInfo {
  id: string;
  state: string;
  cancelled: boolean;
  firstStart: Date | null;
  lastEnd: Date | null;
  instructorIds: string[];
  course: CourseInfo;
}

export interface MeetingInfo {
  id: string;
  sessionId: string;
  start: Date;
  end: Date;
  cancelled: boolean;
  instructorIds: string[];
  roomName: string;
  instructorNames: string[];
}

export interface MeetingContext {
  meeting: MeetingInfo;
  session: SessionInfo;
}

export interface EnrolledWorker {
  id: string;
  name: string;
  workshop: string;
}

const ids = (list: readonly unknown[] | null | undefined) => (list ?? []).map(String);

/** A session with its course; NotFoundError when either is missing. */
export async function loadSession(sessionId: string): Promise<SessionInfo> {
  if (!isObjectId(sessionId)) throw new NotFoundError();
  const s = await TrainingSession.findById(sessionId, { course: 1, instructors: 1, state: 1, firstStart: 1, lastEnd: 1 }).lean();
  if (!s) throw new NotFoundError();
  const c = (await cachedCourses.all()).get(String(s.course));
  if (!c) throw new NotFoundError();
  return {
    id: String(s._id),
    state: s.state,
    cancelled: s.state === 'cancelled',
    firstStart: s.firstStart ?? null,
    lastEnd: s.lastEnd ?? null,
    instructorIds: ids(s.instructors),
    course: { id: String(c._id), code: c.code, title: { id: c.title?.id ?? c.code, en: c.title?.en ?? c.code }, minAttendancePct: c.minAttendancePct },
  };
}

async function loadMeetingBy(filter: { _id: string }): Promise<MeetingContext> {
  const m = await Meeting.findOne(filter, { session: 1, start: 1, end: 1, room: 1, instructors: 1, cancelled: 1 }).lean();
  if (!m) throw new NotFoundError();
  const session = await loadSession(String(m.session));
  const [rooms, people] = await Promise.all([cachedRooms.all(), cachedInstructors.all()]);
  const room = rooms.get(String(m.room));
  const instructors = ids(m.instructors)
    .flatMap((i) => people.get(i) ?? [])
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    session,
    meeting: {
      id: String(m._id),
      sessionId: String(m.session),
      start: m.start,
      end: m.end,
      cancelled: m.cancelled === true,
      instructorIds: ids(m.instructors),
      roomName: room?.name ?? '—',
      instructorNames: instructors.map((i) => i.name),
    },
  };
}

/** A meeting with its session, course, room and instructor names; NotFoundError when missing. */
export function loadMeeting(meetingId: string): Promise<MeetingContext> {
  if (!isObjectId(meetingId)) return Promise.reject(new NotFoundError());
  return loadMeetingBy({ _id: meetingId });
}

/** The Instructor record linked to the account, if the account is an instructor. */
export async function instructorIdOf(actor: Actor): Promise<string | null> {
  if (!hasRole(actor, 'instructor')) return null;
  return findInstructorIdByUser(actor.id);
}

/** Coordinators, admins, and the instructors in `teachingInstructorIds`; others get ForbiddenError. */
export async function assertTeaches(actor: Actor, teachingInstructorIds: readonly string[]): Promise<void> {
  assertCanTakeAttendance(actor, teachingInstructorIds, await instructorIdOf(actor));
}

/** Workers holding a place (status enrolled) in the session, by name, with their workshop's name. */
export async function enrolledWorkers(sessionId: string): Promise<EnrolledWorker[]> {
  // The session's roster (one read by `_id`), then its workers from memory (workers.cache.ts): `_id: {$in}` scans on FerretDB.
  const enrolments = (await sessionRoster.get(String(sessionId))).enrolments.filter((e) => e.status === 'enrolled');
  if (enrolments.length === 0) return [];
  const workers = [...(await cachedWorkers.pick(enrolments.map((e) => e.worker))).values()];
  const shopIds = [...new Set(workers.map((w) => String(w.workshop)))];
  // The workshops held in memory (workshops.cache.ts): `_id: {$in}` would scan them on FerretDB.
  const shopName = new Map([...(await cachedWorkshops.pick(shopIds))].map(([id, s]) => [id, displayName(s)]));
  return workers
    .map((w) => ({ id: String(w._id), name: w.name, workshop: shopName.get(String(w.workshop)) ?? '—' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'id') || a.id.localeCompare(b.id));
}
