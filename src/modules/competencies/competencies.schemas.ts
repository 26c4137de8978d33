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

/** The matrix's query string: filters and sort; anything malformed is ignored. */
export const matrixQuery = z.object({
  workshop: z.preprocess(emptyToUndefined, objectId.optional()).catch(undefined),
  trade: z.preprocess(emptyToUndefined, z.enum(TRADES).optional()).catch(undefined),
  position: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(120).optional()).catch(undefined),
  sort: z.enum(['name', 'gap']).catch('name').default('name'),
});
export type MatrixQuery = z.output<typeof matrixQuery>;
