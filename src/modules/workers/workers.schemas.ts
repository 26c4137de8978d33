import { z } from 'zod';
import { asArray, emptyToUndefined } from '../../platform/http/validate';
import { LANGUAGES } from '../../platform/i18n';
import { normalizePhone } from '../accounts';
import { TRADES } from '../catalogue/trades';
import { normalizeNik, parseDateInput } from './worker-rules';

export const ACCOUNT_PASSWORD_MIN = 10;

const text = (max: number) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .max(max, { error: 'validation.too_long' });

const optionalText = (max: number) =>
  z.preprocess(emptyToUndefined, z.string({ error: 'validation.invalid' }).trim().max(max, { error: 'validation.too_long' }).optional());

const objectId = (error: string) => z.string({ error }).regex(/^[a-f0-9]{24}$/, { error });

const phone = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, { error: 'validation.required' })
  .max(30, { error: 'validation.phone' })
  .transform((v, ctx) => {
    const e164 = normalizePhone(v);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'validation.phone' });
      return z.NEVER;
    }
    return e164;
  });

const optionalEmail = z.preprocess(
  emptyToUndefined,
  z
    .email({ error: 'validation.email' })
    .max(254, { error: 'validation.too_long' })
    .transform((v) => v.trim().toLowerCase())
    .optional(),
);

const optionalNik = z.preprocess(
  emptyToUndefined,
  z
    .string({ error: 'workers:validation.nik' })
    .max(40, { error: 'workers:validation.nik' })
    .transform((v, ctx) => normalizeNik(v) ?? (ctx.addIssue({ code: 'custom', message: 'workers:validation.nik' }), z.NEVER))
    .optional(),
);

const optionalDate = z.preprocess(
  emptyToUndefined,
  z
    .string({ error: 'workers:validation.date' })
    .max(20, { error: 'workers:validation.date' })
    .transform((v, ctx) => parseDateInput(v) ?? (ctx.addIssue({ code: 'custom', message: 'workers:validation.date' }), z.NEVER))
    .optional(),
);

/** The worker form. `nik` is read only from coordinators and admins (the controller drops it otherwise). */
export const workerForm = z.object({
  name: text(120).transform((v) => v.replace(/\s+/g, ' ')),
  phone,
  email: optionalEmail,
  workshop: objectId('workers:validation.workshop_required'),
  trades: z.preprocess(asArray, z.array(z.enum(TRADES, { error: 'validation.invalid' })).max(TRADES.length)).transform((t) => [...new Set(t)]),
  position: optionalText(120),
  joinedAt: optionalDate,
  nik: optionalNik,
});
export type WorkerInput = z.output<typeof workerForm>;

const optionalQuery = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional()).catch(undefined);

export const workerSearch = z.object({
  q: optionalQuery(z.string().trim().max(100)),
  workshop: optionalQuery(z.string().regex(/^[a-f0-9]{24}$/)),
  trade: optionalQuery(z.enum(TRADES)),
  position: optionalQuery(z.string().trim().max(120)),
  status: z.enum(['active', 'inactive', 'all']).catch('active').default('active'),
  page: z.coerce.number().int().min(1).max(10000).catch(1).default(1),
});
export type WorkerSearch = z.output<typeof workerSearch>;

export const activeForm = z.object({ active: z.enum(['true', 'false']).transform((v) => v === 'true') });

export const accountForm = z.object({
  password: z
    .string({ error: 'validation.required' })
    .min(ACCOUNT_PASSWORD_MIN, { error: 'validation.password_min' })
    .max(200, { error: 'validation.too_long' }),
  language: z.enum(LANGUAGES, { error: 'validation.invalid' }).default('id'),
});
