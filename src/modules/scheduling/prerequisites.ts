import { trusted, type Types } from 'mongoose';
import { ValidationError } from '../../platform/errors';
import { cachedCourses } from '../catalogue/catalogue.cache';
import { Course } from '../catalogue/course.model';
import { workerEnrolments } from './enrolment-read-models';
import { openSessionsAfter, sessionsByStart } from './sessions.cache';

export interface MissingCourse {
  id: string;
  code: string;
  title: { id: string; en: string };
  /** The earliest open class of that course not started yet, where the worker can take it first. */
  openSessionId: string | null;
}

/**
 * A worker lacks a prerequisite course. Carries the courses so a worker is told what to take and
 * where, instead of a bare "check the form".
 */
export class PrerequisiteMissingError extends ValidationError {
  constructor(readonly missing: MissingCourse[]) {
    super({ worker: 'scheduling:validation.prerequisite' }, 'prerequisite', { courses: missing.map((c) => c.code).join(', ') });
  }
}

/**
 * The courses among `courseIds` the worker has finished: enrolled in a session of it that has ended
 * and was not cancelled.
 */
export async function finishedCourses(workerId: Types.ObjectId, courseIds: string[], now: Date): Promise<Set<string>> {
  if (courseIds.length === 0) return new Set();
  const wanted = new Set(courseIds.map(String));
  const t = now.getTime();
  // From the sessions held in memory (sessions.cache.ts), not a filter FerretDB answers by decoding them all.
  const done = (await sessionsByStart()).filter((s) => wanted.has(String(s.course)) && s.state !== 'cancelled' && !!s.lastEnd && s.lastEnd.getTime() <= t);
  if (done.length === 0) return new Set();
  const mine = (await workerEnrolments.get(String(workerId))).enrolments;
  const attended = new Set(mine.filter((m) => m.status === 'enrolled').map((m) => m.session));
  return new Set(done.filter((s) => attended.has(String(s._id))).map((s) => String(s.course)));
}

/** The prerequisite courses of each course, by course id. */
export async function prerequisitesOf(courseIds: Types.ObjectId[]): Promise<Map<string, string[]>> {
  const courses = await Course.find({ _id: trusted({ $in: courseIds }) }, { prerequisites: 1 }).lean();
  return new Map(courses.map((c) => [String(c._id), (c.prerequisites ?? []).map(String)]));
}

/** Code, title and an open class for each of the given courses, in the order given. */
export async function describeCourses(courseIds: string[], now: Date): Promise<MissingCourse[]> {
  if (courseIds.length === 0) return [];
  const wanted = new Set(courseIds.map(String));
  const [courses, open] = await Promise.all([
    cachedCourses.pick(courseIds),
    openSessionsAfter(now).then((all) => all.filter((s) => wanted.has(String(s.course)))),
  ]);
  const firstOpen = new Map<string, string>();
  for (const s of open) if (!firstOpen.has(String(s.course))) firstOpen.set(String(s.course), String(s._id));
  return courseIds.flatMap((id) => {
    const c = courses.get(id);
    if (!c) return [];
    return [{ id, code: c.code, title: { id: c.title?.id ?? '', en: c.title?.en ?? '' }, openSessionId: firstOpen.get(id) ?? null }];
  });
}

/** The course's name in the page language, falling back to the other one. */
export function courseName(c: Pick<MissingCourse, 'code' | 'title'>, lng: 'id' | 'en'): string {
  const title = lng === 'en' ? c.title.en || c.title.id : c.title.id || c.title.en;
  return `${c.code} ${title}`.trim();
}
