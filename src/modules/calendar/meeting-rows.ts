import type { Types } from 'mongoose';
import type { Language } from '../../platform/i18n';
import { wibParts } from '../../platform/time';
import { cachedCourses, cachedInstructors, cachedRooms } from '../catalogue';
import { meetingsBetween, meetingsOfSession, meetingsOfSessionsBetween, type MeetingEntry } from '../scheduling';

/** A meeting as the calendar pages and the iCal files show it: names resolved, times in WIB. */
export interface MeetingRow {
  id: string;
  sessionId: string;
  start: Date;
  end: Date;
  /** WIB date of the start: the day the meeting is listed on. */
  date: string;
  courseCode: string;
  courseTitle: string;
  roomName: string;
  instructorNames: string[];
  /** The meeting itself or its whole session is cancelled. */
  cancelled: boolean;
  /** The later of the meeting's and the session's last change (moves, cancellations). */
  updatedAt: Date;
}

/** Which meetings to load: a start window plus optional narrowing. */
export interface MeetingFilter {
  from: Date;
  to: Date;
  sessions?: readonly (Types.ObjectId | string)[];
  /** Only sessions of these courses (the calendar's trade filter). */
  courses?: readonly string[];
  room?: string;
  instructor?: Types.ObjectId | string;
}

/** A course title in the page language (Indonesian when the other is missing). */
export function titleIn(course: { title?: { id?: string | null; en?: string | null } | null } | null | undefined, lng: Language): string {
  return course?.title?.[lng] || course?.title?.id || '';
}

/**
 * Meetings starting in [from, to), sorted by start, with course, room and instructor names in
 * `lng`. The meetings come from the `week-meetings` buckets of the range (one read by `_id` per WIB
 * week) — for a few sessions only, from those sessions' own documents (`meetingsOfSessionsBetween`) —
 * the names from the catalogue held in the process: no filter on a collection, which FerretDB would
 * scan whole.
 */
export async function loadMeetingRows(filter: MeetingFilter, lng: Language): Promise<MeetingRow[]> {
  if (filter.sessions && filter.sessions.length === 0) return [];
  const sessions = filter.sessions ? new Set(filter.sessions.map(String)) : null;
  const courses = filter.courses ? new Set(filter.courses) : null;
  const instructor = filter.instructor ? String(filter.instructor) : null;
  // Only some sessions (a person's schedule): their own documents, not every class of each week.
  const source = sessions && !courses && !filter.room && !instructor ? meetingsOfSessionsBetween([...sessions], filter.from, filter.to) : meetingsBetween(filter.from, filter.to);
  const entries = (await source).filter(
    (m) =>
      (!sessions || sessions.has(m.session)) &&
      (!courses || courses.has(m.course)) &&
      (!filter.room || m.room === filter.room) &&
      (!instructor || m.instructors.includes(instructor)),
  );
  return toMeetingRows(entries, lng);
}

/** Every meeting of one session, sorted by start (its `session-meetings` document). */
export async function loadSessionMeetingRows(sessionId: string, lng: Language): Promise<MeetingRow[]> {
  return toMeetingRows(await meetingsOfSession(sessionId), lng);
}

/** Read-model entries as rows: names resolved from the catalogue cache. */
export async function toMeetingRows(entries: readonly MeetingEntry[], lng: Language): Promise<MeetingRow[]> {
  if (entries.length === 0) return [];
  const [courses, rooms, instructors] = await Promise.all([cachedCourses.all(), cachedRooms.all(), cachedInstructors.all()]);
  return entries.map((m) => {
    const course = courses.get(m.course);
    return {
      id: m.id,
      sessionId: m.session,
      start: m.start,
      end: m.end,
      date: wibParts(m.start).date,
      courseCode: course?.code ?? '',
      courseTitle: titleIn(course, lng),
      roomName: rooms.get(m.room)?.name ?? '',
      instructorNames: m.instructors.map((i) => instructors.get(i)?.name).filter((n): n is string => !!n),
      cancelled: m.cancelled || m.sessionCancelled,
      updatedAt: m.updatedAt,
    };
  });
}
