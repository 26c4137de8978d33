import { z } from 'zod';
import { asArray, emptyToUndefined } from '../../platform/http/validate';
import { normalizePhone } from '../accounts';
import { ROOM_KINDS } from './room.model';
import { TRADES } from './trades';

/** Form building blocks shared by the catalogue's forms. Messages are translation keys. */
export const text = (max: number) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .max(max, { error: 'validation.too_long' });

export const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: 'validation.invalid' }).max(max, { error: 'validation.too_long' }).default(''),
  );

export const objectId = z.string({ error: 'validation.invalid' }).regex(/^[a-f0-9]{24}$/, { error: 'validation.invalid' });

export const trade = z.enum(TRADES, { error: 'catalogue:validation.trade_required' });

export const tradeList = z.preprocess(asArray, z.array(z.enum(TRADES, { error: 'validation.invalid' })).max(TRADES.length));

/**
 * A whole number from a form field. Empty means `fallback` (or "required" without one); anything
 * outside [min, max] or not a whole number gets `rangeKey`, which names the allowed range.
 * `requiredKey` replaces the generic "required" message where the field needs its own words.
 */
export const wholeNumber = (min: number, max: number, rangeKey: string, fallback?: number, requiredKey = 'validation.required') =>
  z.preprocess(
    (v) => {
      const given = emptyToUndefined(v);
      if (given === undefined) return fallback;
      return typeof given === 'string' && /^\s*-?\d+([.,]\d+)?\s*$/.test(given) ? Number(given.trim().replace(',', '.')) : given;
    },
    z
      .number({ error: (issue) => (issue.input === undefined ? requiredKey : rangeKey) })
      .refine((n) => Number.isInteger(n), { error: rangeKey })
      .min(min, { error: rangeKey })
      .max(max, { error: rangeKey }),
  );

const optionalEmail = z.preprocess(
  emptyToUndefined,
  z.email({ error: 'validation.email' }).max(254, { error: 'validation.too_long' }).transform((v) => v.trim().toLowerCase()).optional(),
);

const optionalPhone = z.preprocess(
  emptyToUndefined,
  z
    .string({ error: 'validation.phone' })
    .max(30, { error: 'validation.phone' })
    .transform((v, ctx) => {
      const phone = normalizePhone(v);
      if (!phone) {
        ctx.addIssue({ code: 'custom', message: 'validation.phone' });
        return z.NEVER;
      }
      return phone;
    })
    .optional(),
);

/**
 * An SKKNI unit code with its version as the last part: C.28LOG07.005.2, C.24LAS01.029.1, or a
 * legacy code such as LOG.OO04.003.01. Upper-cased, spaces removed.
 */
export const UNIT_CODE = /^[A-Z0-9]+(\.[A-Z0-9]+){2,}$/;

export const unitForm = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s+/g, '').toUpperCase() : v),
    z
      .string({ error: 'validation.required' })
      .min(1, { error: 'validation.required' })
      .max(40, { error: 'validation.too_long' })
      .regex(UNIT_CODE, { error: 'catalogue:validation.unit_code_format' }),
  ),
  title_id: text(200),
  title_en: optionalText(200),
  trade,
  synthetic: z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean()),
});
export type UnitInput = z.output<typeof unitForm>;

export const instructorForm = z
  .object({
    name: text(120),
    kind: z.enum(['internal', 'external'], { error: 'catalogue:validation.kind_required' }),
    organisation: optionalText(160),
    phone: optionalPhone,
    email: optionalEmail,
    trades: tradeList,
    user: z.preprocess(emptyToUndefined, objectId.optional()),
  })
  // Outside instructors are known by where they come from (BLK, polytechnic): it goes on the schedule.
  // `when`: checked even when other fields are invalid, so every problem shows at once.
  .refine((f) => f.kind !== 'external' || (typeof f.organisation === 'string' && f.organisation !== ''), {
    path: ['organisation'],
    error: 'catalogue:validation.organisation_required',
    when: () => true,
  });
export type InstructorInput = z.output<typeof instructorForm>;

export const roomForm = z.object({
  name: text(120),
  kind: z.enum(ROOM_KINDS, { error: 'catalogue:validation.room_kind_required' }),
  capacity: wholeNumber(1, 500, 'catalogue:validation.room_capacity_range'),
  location: optionalText(160),
});
export type RoomInput = z.output<typeof roomForm>;

/** "true"/"false" from a button that switches a record on or off. */
export const activeForm = z.object({ active: z.enum(['true', 'false']).catch('false').transform((v) => v === 'true') });

export const unitSearch = z.object({
  trade: z.enum(TRADES).optional().catch(undefined),
  q: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).catch(1).default(1),
});

export const courseSearch = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()).catch(undefined),
  trade: z.enum(TRADES).optional().catch(undefined),
  status: z.enum(['active', 'archived', 'all']).catch('active').default('active'),
  page: z.coerce.number().int().min(1).max(10000).catch(1).default(1),
});
export type CourseSearch = z.output<typeof courseSearch>;
