import { z } from 'zod';
import { asArray, emptyToUndefined } from '../../platform/http/validate';
import { TRADES } from '../catalogue';

/** Form building blocks; messages are translation keys. */
const text = (max: number) =>
  z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.too_long' });
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v ?? ''), z.string({ error: 'validation.invalid' }).max(max, { error: 'validation.too_long' }));
const objectId = z.string({ error: 'validation.invalid' }).regex(/^[a-f0-9]{24}$/, { error: 'validation.invalid' });

/** One "unit + required level" row of the job profile form, as submitted. */
export interface RequirementRow {
  unit: string;
  level: string;
}

/** The n-th `reqUnit` and `reqLevel` belong together; rows without a unit are left out. */
export function requirementRowsFromBody(body: Record<string, unknown> | undefined): RequirementRow[] {
  const units = asArray(body?.reqUnit) as unknown[];
  const levels = asArray(body?.reqLevel) as unknown[];
  const rows: RequirementRow[] = [];
  for (let i = 0; i < Math.min(units.length, 80); i++) {
    const unit = typeof units[i] === 'string' ? (units[i] as string).trim() : '';
    const level = typeof levels[i] === 'string' ? (levels[i] as string).trim() : '';
    if (unit) rows.push({ unit, level });
  }
  return rows;
}

/** The rows to show: the given ones and `extra` empty ones to fill in (no script needed). */
export function padRequirementRows(rows: readonly RequirementRow[], extra = 3): RequirementRow[] {
  return [...rows, ...Array.from({ length: extra }, () => ({ unit: '', level: '' }))];
}

const requirement = z.object({
  unit: objectId,
  level: z.enum(['1', '2', '3', '4'], { error: 'competencies:validation.level' }).transform(Number),
});

const profileFields = z
  .object({
    position: text(120).transform((p) => p.replace(/\s+/g, ' ')),
    title_id: text(200),
    title_en: optionalText(200),
    trade: z.enum(TRADES, { error: 'competencies:validation.trade' }),
    coreScheme: optionalText(200),
    requirements: z
      .array(requirement, { error: 'validation.invalid' })
      .min(1, { error: 'competencies:validation.requirements_required' })
      .max(40, { error: 'validation.too_long' }),
  })
  .refine((f) => new Set(f.requirements.map((r) => r.unit)).size === f.requirements.length, {
    path: ['requirements'],
    error: 'competencies:validation.unit_twice',
    when: (payload) => Array.isArray((payload.value as { requirements?: unknown }).requirements),
  });

/** The job profile form: plain fields plus the zipped requirement rows. */
export const profileForm = z.preprocess(
  (body) => ({ ...(body as Record<string, unknown>), requirements: requirementRowsFromBody(body as Record<string, unknown>) }),
  profileFields,
);
export type ProfileInput = z.output<typeof profileForm>;

/** Workers per page of the skills matrix (the exports take the whole filtered set). */
export const MATRIX_PAGE_SIZE = 50;

/**
 * The matrix's query string: filters (workshop, trade, position, gaps only), sort and page. Every
 * link and the filter form produce valid values, so anything else is refused (a ZodError: the
 * translated 400 page) rather than quietly showing another set than the one asked for.
 */
export const matrixQuery = z.object({
  workshop: z.preprocess(emptyToUndefined, objectId.optional()),
  trade: z.preprocess(emptyToUndefined, z.enum(TRADES).optional()),
  position: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(120).optional()),
  /** "1": only workers with a gap against their job profile. */
  gaps: z.preprocess(emptyToUndefined, z.literal('1').optional()).transform((v) => v === '1'),
  sort: z.preprocess(emptyToUndefined, z.enum(['name', 'gap']).optional()).transform((v) => v ?? 'name'),
  page: z.preprocess(emptyToUndefined, z.string().regex(/^[1-9]\d{0,4}$/).transform(Number).optional()).transform((v) => v ?? 1),
});
export type MatrixQuery = z.output<typeof matrixQuery>;
