import { z } from 'zod';
import { asArray } from '../../platform/http/validate';
import { objectId, optionalText, trade, wholeNumber } from './catalogue.schemas';

/** One row of the form's repeatable "unit + level aimed at" group, as submitted. */
export interface UnitRow {
  unit: string;
  level: string;
}

/**
 * The unit rows of a course form. Each row posts a `unitId` and a `unitLevel` select (both always
 * sent, possibly empty), so the n-th values belong together. Rows without a unit are left out.
 */
export function unitRowsFromBody(body: Record<string, unknown> | undefined): UnitRow[] {
  const units = asArray(body?.unitId) as unknown[];
  const levels = asArray(body?.unitLevel) as unknown[];
  const rows: UnitRow[] = [];
  for (let i = 0; i < Math.min(units.length, 60); i++) {
    const unit = typeof units[i] === 'string' ? (units[i] as string).trim() : '';
    const level = typeof levels[i] === 'string' ? (levels[i] as string).trim() : '';
    if (unit) rows.push({ unit, level });
  }
  return rows;
}

/** The rows to show: the given ones and `extra` empty ones to fill in (no script needed). */
export function padRows(rows: readonly UnitRow[], extra = 3): UnitRow[] {
  return [...rows, ...Array.from({ length: extra }, () => ({ unit: '', level: '' }))];
}

const always = () => true;
const hasText = (v: unknown) => typeof v === 'string' && v.trim() !== '';

export const COURSE_CODE = /^[A-Z0-9]+([-_.][A-Z0-9]+)*$/;

const courseFields = z
  .object({
    code: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
      z
        .string({ error: 'validation.required' })
        .min(1, { error: 'validation.required' })
        .max(30, { error: 'validation.too_long' })
        .regex(COURSE_CODE, { error: 'catalogue:validation.course_code_format' }),
    ),
    title_id: optionalText(200),
    title_en: optionalText(200),
    description_id: optionalText(4000),
    description_en: optionalText(4000),
    trade,
    durationHours: wholeNumber(1, 1000, 'catalogue:validation.duration_range'),
    units: z
      .array(
        z.object({
          unit: objectId,
          level: wholeNumber(1, 4, 'catalogue:validation.level_required', undefined, 'catalogue:validation.level_required'),
        }),
      )
      .max(30, { error: 'catalogue:validation.too_many_units' }),
    prerequisites: z.preprocess(asArray, z.array(objectId).max(50)),
    defaultCapacity: wholeNumber(1, 200, 'catalogue:validation.capacity_range', 12),
    minAttendancePct: wholeNumber(0, 100, 'catalogue:validation.attendance_range', 80),
  })
  // `when`: these run even when other fields are invalid, so every problem shows at once.
  .refine((f) => hasText(f.title_id) || hasText(f.title_en), { path: ['title_id'], error: 'catalogue:validation.title_required', when: always })
  .refine(
    (f) => {
      const ids = Array.isArray(f.units) ? f.units.map((u) => u?.unit) : [];
      return new Set(ids).size === ids.length;
    },
    { path: ['units'], error: 'catalogue:validation.unit_twice', when: always },
  )
  .transform((f) => ({
    code: f.code,
    title: { id: f.title_id, en: f.title_en },
    description: { id: f.description_id, en: f.description_en },
    trade: f.trade,
    durationHours: f.durationHours,
    units: f.units,
    prerequisites: [...new Set(f.prerequisites)],
    defaultCapacity: f.defaultCapacity,
    minAttendancePct: f.minAttendancePct,
  }));

/** The course form: plain fields plus the zipped unit rows. */
export const courseForm = z.preprocess(
  (body) => ({ ...(body as Record<string, unknown>), units: unitRowsFromBody(body as Record<string, unknown>) }),
  courseFields,
);
export type CourseInput = z.output<typeof courseForm>;
