import type { Types } from 'mongoose';
import { cacheCollection } from '../../platform/db/collection-cache';
import { CompetencyUnit } from './competency-unit.model';
import { Course } from './course.model';
import { Instructor } from './instructor.model';
import { Room } from './room.model';

/*
 * The catalogue held in the process (platform/db/collection-cache.ts): pages that show sessions and
 * meetings resolve course, room and instructor names from memory instead of `_id: {$in}`, which on
 * FerretDB scans the collection. A few dozen to a few hundred documents each, changed by coordinators
 * now and then; every write drops the copy (this process at once, others through the stamp).
 */

export interface CachedCourse {
  _id: Types.ObjectId;
  code: string;
  title?: { id?: string | null; en?: string | null } | null;
  description?: { id?: string | null; en?: string | null } | null;
  trade: string;
  durationHours: number;
  minAttendancePct: number;
  defaultCapacity: number;
  active?: boolean | null;
  /** The competency units the course targets and the level aimed at. */
  units?: { unit: Types.ObjectId; level: number }[] | null;
}
export interface CachedRoom {
  _id: Types.ObjectId;
  name: string;
  active?: boolean | null;
}
export interface CachedInstructor {
  _id: Types.ObjectId;
  name: string;
  user?: Types.ObjectId | null;
  active?: boolean | null;
}
export interface CachedUnit {
  _id: Types.ObjectId;
  code: string;
  title?: { id?: string | null; en?: string | null } | null;
  trade: string;
  synthetic?: boolean | null;
}

export const cachedCourses = cacheCollection<CachedCourse>(Course, { code: 1, title: 1, description: 1, trade: 1, durationHours: 1, minAttendancePct: 1, defaultCapacity: 1, active: 1, units: 1 });
export const cachedRooms = cacheCollection<CachedRoom>(Room, { name: 1, active: 1 });
export const cachedInstructors = cacheCollection<CachedInstructor>(Instructor, { name: 1, user: 1, active: 1 });
export const cachedUnits = cacheCollection<CachedUnit>(CompetencyUnit, { code: 1, title: 1, trade: 1, synthetic: 1 });

/**
 * The Instructor record linked to a login account, or null — the one lookup every page uses (the
 * homes, a class's people, registers, assessment sheets, the schedule). From the catalogue held in
 * memory: a filter on `user` would decode every instructor on FerretDB, on every page.
 */
export async function findInstructorIdByUser(userId: string): Promise<string | null> {
  if (!/^[a-f0-9]{24}$/i.test(String(userId))) return null;
  for (const i of (await cachedInstructors.all()).values()) if (i.user && String(i.user) === String(userId)) return String(i._id);
  return null;
}
