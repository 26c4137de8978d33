import type { Language } from '../../platform/i18n';
import { cachedCourses, localized } from '../catalogue';
import { openSessionsAfter } from '../scheduling';

/** The open class that closes a skill gap: the soonest one of a course that targets the unit. */
export interface GapClass {
  sessionId: string;
  courseCode: string;
  courseTitle: string;
  /** The level the course aims at for that unit. */
  courseLevel: number;
  firstStart: Date;
}

/** Open classes looked at per call: the soonest ones (a class months away closes no gap soon). */
const OPEN_CLASSES_READ = 50;

/**
 * For each unit, the soonest open class (state open, not started) of an active course that targets
 * it, or no entry when none is open. No read whatever the history: the courses from the catalogue
 * held in memory (a nested `units.unit` filter would scan them on FerretDB);
 * the open sessions of those courses come from scheduling's sessions held in memory (the soonest
 * OPEN_CLASSES_READ of them are looked at).
 */
export async function openClassesForUnits(unitIds: readonly string[], now: Date, lng: Language): Promise<Map<string, GapClass>> {
  const out = new Map<string, GapClass>();
  const wanted = new Set(unitIds.map(String));
  if (wanted.size === 0) return out;
  const courses = [...(await cachedCourses.all()).values()].filter((c) => c.active !== false && (c.units ?? []).some((u) => wanted.has(String(u.unit))));
  if (courses.length === 0) return out;
  const targeting = new Set(courses.map((c) => String(c._id)));
  // From the sessions held in memory (scheduling's cache), soonest first then by id.
  const sessions = (await openSessionsAfter(now)).filter((s) => targeting.has(String(s.course))).slice(0, OPEN_CLASSES_READ);
  const courseById = new Map(courses.map((c) => [String(c._id), c]));
  for (const s of sessions) {
    const course = courseById.get(String(s.course));
    if (!course || !s.firstStart) continue;
    for (const u of course.units ?? []) {
      const unitId = String(u.unit);
      if (!wanted.has(unitId) || out.has(unitId)) continue;
      out.set(unitId, { sessionId: String(s._id), courseCode: course.code, courseTitle: localized(course.title, lng), courseLevel: u.level, firstStart: s.firstStart });
    }
  }
  return out;
}
