import { z } from 'zod';
import { wibToUtc } from '../../platform/time';
import { ASSESSMENT_METHODS, type AssessmentKind } from './assessment.model';

/*
 * The assessment sheet posts, per enrolled worker and targeted unit, `pre_<enrollmentId>_<unitId>`
 * and `post_…` (a level 0–4, or empty for "not assessed") and `note_…`; and once per sheet
 * `pre_date`, `pre_method`, `post_date`, `post_method` (a date is WIB, YYYY-MM-DD).
 */
export const cellField = (kind: AssessmentKind | 'note', enrollmentId: string, unitId: string) => `${kind}_${enrollmentId}_${unitId}`;
const CELL = /^(pre|post|note)_([a-f0-9]{24})_([a-f0-9]{24})$/;
const SHEET_FIELDS = new Set(['pre_date', 'pre_method', 'post_date', 'post_method']);
const LEVEL_VALUES = ['', '0', '1', '2', '3', '4'] as const;

export interface SheetCell {
  enrollment: string;
  unit: string;
  /** undefined: not on the form (left alone); null: emptied (removed); else the level. */
  pre?: number | null;
  post?: number | null;
  note?: string;
}

const date = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z.union([
    z.literal(''),
    z.string().refine((s) => wibToUtc(s, '12:00') !== null && s >= '2000-01-01', { error: 'assessments:validation.date' }),
  ], { error: 'assessments:validation.date' }),
);
const method = z.union([z.literal(''), z.enum(ASSESSMENT_METHODS)], { error: 'assessments:validation.method' });
const level = z.enum(LEVEL_VALUES, { error: 'assessments:validation.level' }).transform((v) => (v === '' ? null : Number(v)));
const note = z.string({ error: 'validation.invalid' }).trim().max(1000, { error: 'validation.too_long' });

/** The body's sheet fields and cell fields; `_csrf` and anything unknown are refused or dropped. */
function split(body: unknown) {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const cells: Record<string, unknown> = {};
  let unknown = false;
  for (const [k, v] of Object.entries(b)) {
    if (k === '_csrf' || SHEET_FIELDS.has(k)) continue;
    if (CELL.test(k)) cells[k] = v;
    else if (/^(pre|post|note)_/.test(k)) unknown = true;
  }
  return { pre_date: b.pre_date ?? '', pre_method: b.pre_method ?? '', post_date: b.post_date ?? '', post_method: b.post_method ?? '', cells, unknown };
}

interface SplitBody {
  pre_date: unknown;
  pre_method: unknown;
  post_date: unknown;
  post_method: unknown;
  cells: Record<string, unknown>;
  unknown: boolean;
}

const issue = (ctx: z.RefinementCtx, path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });

/**
 * The assessment sheet. Every problem is reported at once, keyed by field name (a cell's own name
 * for its level), so the sheet shows each next to its input; rows the sheet never offered are the
 * service's to refuse (it knows the enrolments and units).
 */
export const assessmentSheetForm = z
  .preprocess(split, z.custom<SplitBody>((v) => typeof v === 'object' && v !== null))
  .superRefine((form, ctx) => {
    if (form.unknown) issue(ctx, '_form', 'assessments:validation.unknown_row');
    const used = { pre: false, post: false };
    for (const [key, raw] of Object.entries(form.cells)) {
      const kind = CELL.exec(key)![1] as 'pre' | 'post' | 'note';
      const parsed = (kind === 'note' ? note : level).safeParse(raw);
      if (!parsed.success) issue(ctx, key, parsed.error.issues[0]!.message);
      else if (kind !== 'note' && parsed.data !== null) used[kind] = true;
    }
    for (const kind of ['pre', 'post'] as const) {
      const d = date.safeParse(form[`${kind}_date`]);
      const m = method.safeParse(form[`${kind}_method`]);
      if (!d.success) issue(ctx, `${kind}_date`, 'assessments:validation.date');
      else if (used[kind] && d.data === '') issue(ctx, `${kind}_date`, 'assessments:validation.date_required');
      if (!m.success || (used[kind] && m.data === '')) issue(ctx, `${kind}_method`, 'assessments:validation.method');
    }
    const pre = date.safeParse(form.pre_date);
    const post = date.safeParse(form.post_date);
    if (pre.success && post.success && pre.data && post.data && post.data < pre.data) {
      issue(ctx, 'post_date', 'assessments:validation.post_before_pre');
    }
    if (Object.keys(form.cells).length === 0) issue(ctx, '_form', 'assessments:validation.nothing');
  })
  .transform((form) => {
    const byCell = new Map<string, SheetCell>();
    for (const [key, raw] of Object.entries(form.cells)) {
      const [, kind, enrollment, unit] = CELL.exec(key)! as unknown as [string, 'pre' | 'post' | 'note', string, string];
      const cell = byCell.get(`${enrollment}_${unit}`) ?? { enrollment, unit };
      if (kind === 'note') cell.note = note.parse(raw);
      else cell[kind] = level.parse(raw);
      byCell.set(`${enrollment}_${unit}`, cell);
    }
    const sheet = (kind: AssessmentKind) => ({
      date: date.parse(form[`${kind}_date`]) || undefined,
      method: method.parse(form[`${kind}_method`]) || undefined,
    });
    return {
      pre: sheet('pre'),
      post: sheet('post'),
      cells: [...byCell.values()],
    };
  });
export type AssessmentSheetInput = z.output<typeof assessmentSheetForm>;

/** The sheet's query string: which unit to show when the sheet goes unit by unit. */
export const sheetQuery = z.object({
  unit: z.string().regex(/^[a-f0-9]{24}$/).optional().catch(undefined),
});
