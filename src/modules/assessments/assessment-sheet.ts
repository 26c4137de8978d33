import { Types, trusted } from 'mongoose';
import { NotFoundError } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { wibParts } from '../../platform/time';
import { getCourseSummary } from '../catalogue';
import { TrainingSession, sessionRoster } from '../scheduling';
import { cachedWorkers } from '../workers';
import { workshopNames } from '../workshops';
import { Assessment, type AssessmentKind } from './assessment.model';
import { cellField } from './assessments.schemas';
import { gain, normalisedGain } from './gain';
import { SHEET_FIELDS, sessionAssessments, toSessionAssessment, type SessionAssessment } from './session-assessments.read-model';

/*
 * Loading what the assessment sheet shows, one query per collection ($lookup is missing on
 * FerretDB): lean, projected reads joined in TypeScript.
 */

export interface SheetSession {
  id: string;
  courseId: string;
  courseCode: string;
  courseTitle: string;
  instructorIds: string[];
  firstStart: Date | null;
  lastEnd: Date | null;
  cancelled: boolean;
}

export interface SheetUnit {
  id: string;
  code: string;
  title: string;
  /** The level the course aims at. */
  target: number;
  synthetic: boolean;
}

/** An assessment as the sheet shows it: the read model's row without the worker (the row says whose). */
export type StoredAssessment = Omit<SessionAssessment, 'worker'>;

export interface SheetCell {
  unitId: string;
  fields: { pre: string; post: string; note: string };
  pre: StoredAssessment | null;
  post: StoredAssessment | null;
  gain?: number;
  normalisedGain?: number;
}

export interface SheetRow {
  enrollmentId: string;
  workerId: string;
  name: string;
  workshop: string;
  cells: SheetCell[];
}

export interface SheetContext {
  session: SheetSession;
  units: SheetUnit[];
  /** Enrolled workers (status enrolled) by name. */
  rows: { enrollmentId: string; workerId: string; name: string; workshop: string }[];
  /** By `${enrollmentId}_${unitId}_${kind}`. */
  existing: Map<string, StoredAssessment>;
}

export const existingKey = (enrollment: string, unit: string, kind: AssessmentKind) => `${enrollment}_${unit}_${kind}`;
const isId = (v: string) => /^[a-f0-9]{24}$/i.test(v);

/**
 * The session, its course's targeted units, its enrolled workers and what was recorded. The page
 * (`recorded: 'read-model'`) reads the session's `session-assessments` document (one point read): a
 * filter on assessments decodes all of them on FerretDB (32,669 per request at `--scale ci`). Saving
 * (`'source'`) decides on the collection itself.
 * @throws NotFoundError
 */
export async function loadSheetContext(sessionId: string, lng: Language, recorded: 'read-model' | 'source' = 'source'): Promise<SheetContext> {
  if (!isId(sessionId)) throw new NotFoundError();
  const s = await TrainingSession.findById(sessionId, { course: 1, instructors: 1, state: 1, firstStart: 1, lastEnd: 1 }).lean();
  if (!s) throw new NotFoundError();
  const course = await getCourseSummary(String(s.course), lng);
  // The roster (one read by `_id`), then the workers from memory (workers.cache.ts): `_id: {$in}` scans on FerretDB.
  const enrolments = (await sessionRoster.get(String(s._id))).enrolments.filter((e) => e.status === 'enrolled');
  const enrolledIds = new Set(enrolments.map((e) => e.id));
  const workers = [...(await cachedWorkers.pick(enrolments.map((e) => e.worker))).values()];
  const shops = await workshopNames([...new Set(workers.map((w) => String(w.workshop)))]);
  const workerById = new Map(workers.map((w) => [String(w._id), w]));
  const rows = enrolments
    .flatMap((e) => {
      const w = workerById.get(String(e.worker));
      return w ? [{ enrollmentId: e.id, workerId: String(w._id), name: w.name, workshop: shops.get(String(w.workshop)) ?? '—' }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'id') || a.enrollmentId.localeCompare(b.enrollmentId));
  const stored: SessionAssessment[] =
    recorded === 'source'
      ? ((await Assessment.find({ session: s._id }, SHEET_FIELDS).lean()) as Parameters<typeof toSessionAssessment>[0][]).map(toSessionAssessment)
      : (await sessionAssessments.get(String(s._id))).assessments.filter((a) => enrolledIds.has(a.enrollment));
  const existing = new Map(stored.map((a) => [existingKey(a.enrollment, a.unit, a.kind), { ...a, assessedAt: new Date(a.assessedAt) } as StoredAssessment] as const));
  return {
    session: {
      id: String(s._id),
      courseId: course.id,
      courseCode: course.code,
      courseTitle: course.title,
      instructorIds: (s.instructors ?? []).map(String),
      firstStart: s.firstStart ?? null,
      lastEnd: s.lastEnd ?? null,
      cancelled: s.state === 'cancelled',
    },
    units: course.units.map((u) => ({ id: u.id, code: u.code, title: u.title, target: u.level, synthetic: u.synthetic })),
    rows,
    existing,
  };
}

/** Rows × units with what was recorded and the gain where both were. */
export function sheetRows(ctx: SheetContext): SheetRow[] {
  return ctx.rows.map((r) => ({
    ...r,
    cells: ctx.units.map((u) => {
      const pre = ctx.existing.get(existingKey(r.enrollmentId, u.id, 'pre')) ?? null;
      const post = ctx.existing.get(existingKey(r.enrollmentId, u.id, 'post')) ?? null;
      return {
        unitId: u.id,
        fields: { pre: cellField('pre', r.enrollmentId, u.id), post: cellField('post', r.enrollmentId, u.id), note: cellField('note', r.enrollmentId, u.id) },
        pre,
        post,
        gain: gain(pre?.level, post?.level),
        normalisedGain: normalisedGain(pre?.level, post?.level),
      };
    }),
  }));
}

/** The most frequent value, or undefined for none (ties: the first met). */
function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}

/**
 * What the sheet's fields show before anyone types: recorded levels and notes; for each kind the
 * date and method most used so far, else the session's first (pre) or last (post) day when it has
 * passed, and observation.
 */
export function sheetValues(ctx: SheetContext, rows: SheetRow[], now: Date): Record<string, string> {
  const today = wibParts(now).date;
  const all = [...ctx.existing.values()];
  const dateOf = (kind: AssessmentKind, fallback: Date | null) => {
    const recorded = mostCommon(all.filter((a) => a.kind === kind).map((a) => wibParts(a.assessedAt).date));
    if (recorded) return recorded;
    const day = fallback ? wibParts(fallback).date : '';
    return day && day <= today ? day : kind === 'pre' ? today : '';
  };
  const methodOf = (kind: AssessmentKind) => mostCommon(all.filter((a) => a.kind === kind).map((a) => a.method)) ?? 'observation';
  const values: Record<string, string> = {
    pre_date: dateOf('pre', ctx.session.firstStart),
    pre_method: methodOf('pre'),
    post_date: dateOf('post', ctx.session.lastEnd),
    post_method: methodOf('post'),
  };
  for (const r of rows) {
    for (const c of r.cells) {
      values[c.fields.pre] = c.pre ? String(c.pre.level) : '';
      values[c.fields.post] = c.post ? String(c.post.level) : '';
      values[c.fields.note] = (c.post ?? c.pre)?.notes ?? '';
    }
  }
  return values;
}

export const toObjectId = (id: string) => new Types.ObjectId(id);
