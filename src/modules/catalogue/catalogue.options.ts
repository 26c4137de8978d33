import { Types, trusted } from 'mongoose';
import { NotFoundError } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { CompetencyUnit } from './competency-unit.model';
import { Course } from './course.model';
import { Instructor } from './instructor.model';
import { cachedCourses, cachedInstructors, cachedRooms, cachedUnits, type CachedCourse } from './catalogue.cache';
export { findInstructorIdByUser } from './catalogue.cache';
import { courseTitle, localized } from './localized';
import { Room, type ROOM_KINDS } from './room.model';
import type { Trade } from './trades';

/*
 * Read-only lookups for other modules (scheduling, calendar, attendance, workers). They take no
 * actor: callers decide who may see the page they build. FerretDB has no $lookup, so callers
 * fetch names by id with the *Names helpers, answered from the process cache (catalogue.cache.ts).
 */

export interface CourseOption {
  id: string;
  code: string;
  /** In the requested language, falling back to the other one. */
  title: string;
  trade: Trade;
  durationHours: number;
  defaultCapacity: number;
  minAttendancePct: number;
  /** Ids of the courses a worker must have completed first (direct prerequisites only). */
  prerequisites: string[];
}

export interface CourseSummary extends CourseOption {
  description: string;
  active: boolean;
  units: { id: string; code: string; title: string; level: number; synthetic: boolean }[];
  /** The direct prerequisites with their codes and titles, in stored order. */
  prerequisiteCourses: { id: string; code: string; title: string; active: boolean }[];
}

export interface InstructorOption {
  id: string;
  name: string;
  kind: 'internal' | 'external';
  organisation: string;
  trades: Trade[];
  userId: string | null;
}

export interface RoomOption {
  id: string;
  name: string;
  kind: (typeof ROOM_KINDS)[number];
  capacity: number;
  location: string;
}

/** A course as the options read it: the cached fields plus the prerequisites and units. */
interface LeanCourse extends CachedCourse {
  prerequisites?: Types.ObjectId[] | null;
  units?: { unit: Types.ObjectId; level: number }[] | null;
}

function toOption(c: LeanCourse, lng: Language): CourseOption {
  return {
    id: String(c._id),
    code: c.code,
    title: courseTitle(c, lng),
    trade: c.trade as Trade,
    durationHours: c.durationHours,
    defaultCapacity: c.defaultCapacity,
    minAttendancePct: c.minAttendancePct,
    prerequisites: (c.prerequisites ?? []).map(String),
  };
}

const isId = (id: string) => /^[a-f0-9]{24}$/i.test(id);

/** Active courses, ordered by code: the choices when scheduling a session. */
export async function listCourseOptions(lng: Language): Promise<CourseOption[]> {
  const courses = await Course.find({ active: true }).sort({ code: 1 }).lean();
  return courses.map((c) => toOption(c, lng));
}

/**
 * One course with its units (code, title, level aimed at) and prerequisites, in `lng` with fallback.
 * Archived courses are returned too (`active: false`): past sessions still show them.
 * @throws NotFoundError when there is no such course.
 */
export async function getCourseSummary(id: string, lng: Language): Promise<CourseSummary> {
  const course = isId(id) ? await Course.findById(id).lean() : null;
  if (!course) throw new NotFoundError();
  const unitIds = (course.units ?? []).map((u) => u.unit);
  const prereqIds = course.prerequisites ?? [];
  // Units and prerequisite courses from the process cache (`_id: {$in}` scans on FerretDB).
  const [unitById, prereqById] = await Promise.all([cachedUnits.pick(unitIds), cachedCourses.pick(prereqIds)]);
  return {
    ...toOption(course, lng),
    description: localized(course.description, lng),
    active: course.active !== false,
    units: (course.units ?? []).flatMap((u) => {
      const unit = unitById.get(String(u.unit));
      return unit
        ? [{ id: String(unit._id), code: unit.code, title: localized(unit.title, lng), level: u.level, synthetic: !!unit.synthetic }]
        : [];
    }),
    prerequisiteCourses: prereqIds.flatMap((pid) => {
      const p = prereqById.get(String(pid));
      return p ? [{ id: String(p._id), code: p.code, title: courseTitle(p, lng), active: p.active !== false }] : [];
    }),
  };
}

/** Course code and title by id (archived ones included), for lists of sessions without a join. */
export async function courseNames(ids: string[], lng: Language): Promise<Map<string, { code: string; title: string; trade: Trade }>> {
  const valid = [...new Set(ids)].filter(isId);
  if (valid.length === 0) return new Map();
  const rows = await cachedCourses.pick(valid);
  return new Map([...rows.values()].map((c) => [String(c._id), { code: c.code, title: courseTitle(c, lng), trade: c.trade as Trade }]));
}

/** Active instructors, ordered by name: the choices when scheduling. */
export async function listInstructorOptions(): Promise<InstructorOption[]> {
  const rows = await Instructor.find({ active: true }).sort({ name: 1 }).lean();
  return rows.map((i) => ({
    id: String(i._id),
    name: i.name,
    kind: i.kind as InstructorOption['kind'],
    organisation: i.organisation ?? '',
    trades: (i.trades ?? []) as Trade[],
    userId: i.user ? String(i.user) : null,
  }));
}

/** Instructor names by id (inactive ones included), for showing sessions without a join. */
export async function instructorNames(ids: string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids)].filter(isId);
  if (valid.length === 0) return new Map();
  const rows = await cachedInstructors.pick(valid);
  return new Map([...rows.values()].map((i) => [String(i._id), i.name]));
}

/** Active rooms and machines, ordered by name: the choices when scheduling. */
export async function listRoomOptions(): Promise<RoomOption[]> {
  const rows = await Room.find({ active: true }).sort({ name: 1 }).lean();
  return rows.map((r) => ({
    id: String(r._id),
    name: r.name,
    kind: r.kind as RoomOption['kind'],
    capacity: r.capacity,
    location: r.location ?? '',
  }));
}

/** Room names by id (inactive ones included), for showing sessions without a join. */
export async function roomNames(ids: string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids)].filter(isId);
  if (valid.length === 0) return new Map();
  const rows = await cachedRooms.pick(valid);
  return new Map([...rows.values()].map((r) => [String(r._id), r.name]));
}
