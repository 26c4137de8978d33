import { trusted, type Types } from 'mongoose';
import type { Language } from '../../platform/i18n';
import { wibParts } from '../../platform/time';
import { Course, Instructor, Room } from '../catalogue';
import { Meeting, TrainingSession } from '../scheduling';

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
  room?: string;
  instructor?: Types.ObjectId | string;
}

const ids = (xs: readonly unknown[]) => [...new Set(xs.map(String))];

/** A course title in the page language (Indonesian when the other is missing). */
export function titleIn(course: { title?: { id?: string | null; en?: string | null } | null } | null | undefined, lng: Language): string {
  return course?.title?.[lng] || course?.title?.id || '';
}

/**
 * Meetings starting in [from, to), sorted by start, with course, room and instructor names in
 * `lng`. FerretDB has no $lookup, so names come from one `$in` query per collection.
 */
export async function loadMeetingRows(filter: MeetingFilter, lng: Language): Promise<MeetingRow[]> {
  if (filter.sessions && filter.sessions.length === 0) return [];
  const query: Record<string, unknown> = { start: trusted({ $gte: filter.from, $lt: filter.to }) };
  if (filter.sessions) query.session = trusted({ $in: ids(filter.sessions) });
  if (filter.room) query.room = filter.room;
  if (filter.instructor) query.instructors = filter.instructor;
  const meetings = await Meeting.find(query, { session: 1, start: 1, end: 1, room: 1, instructors: 1, cancelled: 1, updatedAt: 1 })
    .sort({ start: 1, _id: 1 })
    .lean();
  if (meetings.length === 0) return [];

  const sessions = await TrainingSession.find(
    { _id: trusted({ $in: ids(meetings.map((m) => m.session)) }) },
    { course: 1, state: 1, updatedAt: 1 },
  ).lean();
  const [courses, rooms, instructors] = await Promise.all([
    Course.find({ _id: trusted({ $in: ids(sessions.map((s) => s.course)) }) }, { code: 1, title: 1 }).lean(),
    Room.find({ _id: trusted({ $in: ids(meetings.map((m) => m.room)) }) }, { name: 1 }).lean(),
    Instructor.find({ _id: trusted({ $in: ids(meetings.flatMap((m) => m.instructors ?? [])) }) }, { name: 1 }).lean(),
  ]);
  const sessionById = new Map(sessions.map((s) => [String(s._id), s]));
  const courseById = new Map(courses.map((c) => [String(c._id), c]));
  const roomName = new Map(rooms.map((r) => [String(r._id), r.name]));
  const instructorName = new Map(instructors.map((i) => [String(i._id), i.name]));

  return meetings.map((m) => {
    const session = sessionById.get(String(m.session));
    const course = session ? courseById.get(String(session.course)) : undefined;
    const sessionUpdated = session?.updatedAt ? new Date(session.updatedAt) : new Date(0);
    const meetingUpdated = m.updatedAt ? new Date(m.updatedAt) : new Date(0);
    return {
      id: String(m._id),
      sessionId: String(m.session),
      start: m.start,
      end: m.end,
      date: wibParts(m.start).date,
      courseCode: course?.code ?? '',
      courseTitle: titleIn(course, lng),
      roomName: roomName.get(String(m.room)) ?? '',
      instructorNames: (m.instructors ?? []).map((i) => instructorName.get(String(i))).filter((n): n is string => !!n),
      cancelled: !!m.cancelled || session?.state === 'cancelled',
      updatedAt: sessionUpdated > meetingUpdated ? sessionUpdated : meetingUpdated,
    };
  });
}
