import { Types, trusted } from 'mongoose';
import { overlaps } from '../../platform/time';
import { cachedCourses } from '../catalogue/catalogue.cache';
import { Instructor } from '../catalogue/instructor.model';
import { Room } from '../catalogue/room.model';
import { Meeting } from './meeting.model';
import { cachedSessions } from './sessions.cache';
import { workerEnrolments } from './enrolment-read-models';
import type { MeetingTime } from './recurrence';

export interface Conflict {
  kind: 'room' | 'instructor' | 'worker';
  /** Name of the room, instructor or worker that is double-booked. */
  who: string;
  start: Date;
  end: Date;
  courseCode: string;
  sessionId: string;
}

/** The course code of each session, from the sessions and the catalogue held in memory (no `_id: {$in}` scans). */
async function courseCodes(sessionIds: string[]): Promise<Map<string, string>> {
  if (sessionIds.length === 0) return new Map();
  const [sessions, courses] = await Promise.all([cachedSessions.pick(sessionIds), cachedCourses.all()]);
  return new Map([...sessions].map(([id, s]) => [id, courses.get(String(s.course))?.code ?? '']));
}

function window(meetings: MeetingTime[]) {
  return {
    from: new Date(Math.min(...meetings.map((m) => m.start.getTime()))),
    to: new Date(Math.max(...meetings.map((m) => m.end.getTime()))),
  };
}

/**
 * Meetings of other sessions that book the same room or one of the same instructors at an
 * overlapping time. Back-to-back (one ends when the next starts) is not a conflict.
 * Only _id lookups are indexed on FerretDB; the time window keeps this a small scan at LIK scale.
 */
export async function findResourceConflicts(
  meetings: MeetingTime[],
  room: string,
  instructors: string[],
  excludeSession?: string,
  excludeMeeting?: string,
): Promise<Conflict[]> {
  if (meetings.length === 0) return [];
  const { from, to } = window(meetings);
  const filter: Record<string, unknown> = {
    cancelled: false,
    start: trusted({ $lt: to }),
    end: trusted({ $gt: from }),
    $or: [{ room: new Types.ObjectId(room) }, { instructors: trusted({ $in: instructors.map((i) => new Types.ObjectId(i)) }) }],
  };
  if (excludeSession) filter.session = trusted({ $ne: new Types.ObjectId(excludeSession) });
  if (excludeMeeting) filter._id = trusted({ $ne: new Types.ObjectId(excludeMeeting) });
  const booked = await Meeting.find(filter, { session: 1, start: 1, end: 1, room: 1, instructors: 1 }).lean();
  if (booked.length === 0) return [];
  const [codes, rooms, people] = await Promise.all([
    courseCodes([...new Set(booked.map((b) => String(b.session)))]),
    Room.find({ _id: new Types.ObjectId(room) }, { name: 1 }).lean(),
    Instructor.find({ _id: trusted({ $in: instructors }) }, { name: 1 }).lean(),
  ]);
  const nameOf = new Map(people.map((p) => [String(p._id), p.name]));
  const out: Conflict[] = [];
  for (const b of booked) {
    if (!meetings.some((m) => overlaps(m.start, m.end, b.start, b.end))) continue;
    const base = { start: b.start, end: b.end, sessionId: String(b.session), courseCode: codes.get(String(b.session)) ?? '' };
    if (String(b.room) === room) out.push({ kind: 'room', who: rooms[0]?.name ?? '', ...base });
    for (const i of b.instructors ?? []) {
      if (instructors.includes(String(i))) out.push({ kind: 'instructor', who: nameOf.get(String(i)) ?? '', ...base });
    }
  }
  return out;
}

/** Sessions the worker is enrolled in whose meetings overlap the given meetings. */
export async function findWorkerConflicts(workerId: string, workerName: string, meetings: MeetingTime[], excludeSession: string): Promise<Conflict[]> {
  if (meetings.length === 0) return [];
  const enrolled = (await workerEnrolments.get(workerId)).enrolments.filter((e) => e.status === 'enrolled' && e.session !== String(excludeSession));
  if (enrolled.length === 0) return [];
  const { from, to } = window(meetings);
  const theirs = await Meeting.find(
    { session: trusted({ $in: enrolled.map((e) => e.session) }), cancelled: false, start: trusted({ $lt: to }), end: trusted({ $gt: from }) },
    { session: 1, start: 1, end: 1 },
  ).lean();
  const hits = theirs.filter((t) => meetings.some((m) => overlaps(m.start, m.end, t.start, t.end)));
  const codes = await courseCodes([...new Set(hits.map((h) => String(h.session)))]);
  return hits.map((h) => ({ kind: 'worker', who: workerName, start: h.start, end: h.end, sessionId: String(h.session), courseCode: codes.get(String(h.session)) ?? '' }));
}
