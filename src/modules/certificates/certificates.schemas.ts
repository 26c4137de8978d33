import { z } from 'zod';
import { formTokenField } from '../../platform/http/form-token';
import { asArray, emptyToUndefined } from '../../platform/http/validate';
import { wibToUtc } from '../../platform/time';
import { TRADES } from '../catalogue';
import { PROCESSES } from '../continuity';
import { OUTCOMES } from './assessment.model';
import { REVOCATION_CATEGORIES } from './certificate.model';
import { ISSUER_KINDS } from './scheme.model';
import { CERTIFICATE_STATUSES, DEFAULT_TERM_YEARS, VALIDITY_KINDS } from './validity';

const text = (max: number) =>
  z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.too_long' });
const optionalText = (max: number) =>
  z.preprocess(emptyToUndefined, z.string({ error: 'validation.invalid' }).trim().max(max, { error: 'validation.too_long' }).optional());
const objectId = (error: string) => z.string({ error }).regex(/^[a-f0-9]{24}$/, { error });
const optionalQuery = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional()).catch(undefined);

/** A date as a date input sends it ("2026-03-15") or as people type it ("15/03/2026"): the ISO date. */
export function parseDate(input: string): string | null {
  const s = input.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const parts = iso ? [iso[1], iso[2], iso[3]] : local ? [local[3], local[2], local[1]] : null;
  if (!parts) return null;
  const date = `${parts[0]}-${parts[1]!.padStart(2, '0')}-${parts[2]!.padStart(2, '0')}`;
  return wibToUtc(date, '00:00') && date >= '1970-01-01' ? date : null;
}

const date = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, { error: 'validation.required' })
  .max(20, { error: 'certificates:validation.date' })
  .transform((v, ctx) => parseDate(v) ?? (ctx.addIssue({ code: 'custom', message: 'certificates:validation.date' }), z.NEVER));

export const schemeForm = z
  .object({
    name: text(160).transform((v) => v.replace(/\s+/g, ' ')),
    nameEn: z.preprocess(emptyToUndefined, z.string({ error: 'validation.invalid' }).trim().max(160, { error: 'validation.too_long' }).transform((v) => v.replace(/\s+/g, ' ')).optional()),
    kkniLevel: z.coerce.number({ error: 'certificates:validation.kkni' }).int({ error: 'certificates:validation.kkni' }).min(1, { error: 'certificates:validation.kkni' }).max(9, { error: 'certificates:validation.kkni' }),
    issuerKind: z.enum(ISSUER_KINDS, { error: 'validation.required' }),
    issuerName: text(160),
    trade: z.enum(TRADES, { error: 'validation.required' }),
    units: z.preprocess(asArray, z.array(objectId('validation.invalid')).min(1, { error: 'certificates:validation.units' }).max(40)).transform((u) => [...new Set(u)]),
    validityKind: z.enum(VALIDITY_KINDS, { error: 'validation.required' }),
    years: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'certificates:validation.years' }).int({ error: 'certificates:validation.years' }).min(1, { error: 'certificates:validation.years' }).max(10, { error: 'certificates:validation.years' }).default(DEFAULT_TERM_YEARS)),
    process: z.preprocess(emptyToUndefined, z.enum(PROCESSES, { error: 'validation.invalid' }).optional()),
    description: optionalText(500),
    active: z.preprocess((v) => v === 'true' || v === 'on', z.boolean()).default(false),
  })
  .superRefine((v, ctx) => {
    if ((v.validityKind === 'continuity' || v.validityKind === 'periodic') && !v.process) {
      ctx.addIssue({ code: 'custom', path: ['process'], message: 'certificates:validation.process' });
    }
  });
export type SchemeInput = z.output<typeof schemeForm>;

/** Outcome fields are named `o_<unit id>`; the service checks them against the scheme's units. */
function outcomesOf(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      const m = /^o_([a-f0-9]{24})$/.exec(k);
      if (m && typeof v === 'string') out[m[1]!] = v;
    }
  }
  return out;
}

export const assessmentForm = z.preprocess(
  (body) => ({ ...(body as object), outcomes: outcomesOf(body) }),
  z.object({
    worker: objectId('certificates:validation.worker'),
    scheme: objectId('certificates:validation.scheme'),
    tuk: text(160),
    assessorName: text(120),
    assessorRegistration: z
      .string({ error: 'validation.required' })
      .trim()
      .min(1, { error: 'validation.required' })
      .transform((v) => v.replace(/\s+/g, ' ').toUpperCase())
      .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9./ -]{4,39}$/, { error: 'certificates:validation.registration' })),
    date,
    notes: optionalText(1000),
    outcomes: z.record(z.string(), z.enum(OUTCOMES, { error: 'certificates:validation.outcome' })),
  }),
);
export type AssessmentInput = z.output<typeof assessmentForm>;

export const issueForm = z.object({ issueDate: date });

export const historyForm = z.object({
  worker: objectId('certificates:validation.worker'),
  scheme: objectId('certificates:validation.scheme'),
  issueDate: date,
  // A history entry is known by the number printed on it (certificate.model.ts): required.
  originalNumber: text(60).transform((v) => v.replace(/\s+/g, ' ')),
  units: z.preprocess(asArray, z.array(objectId('validation.invalid')).min(1, { error: 'certificates:validation.units' }).max(40)).transform((u) => [...new Set(u)]),
  formToken: formTokenField,
});
export type HistoryInput = z.output<typeof historyForm>;

export const renewForm = z.object({
  issueDate: date,
  assessment: z.preprocess(emptyToUndefined, objectId('validation.invalid').optional()),
});
export type RenewInput = z.output<typeof renewForm>;

export const revokeForm = z.object({
  category: z.enum(REVOCATION_CATEGORIES, { error: 'certificates:validation.revocation_category' }),
  reason: z
    .string({ error: 'certificates:validation.reason' })
    .trim()
    .min(10, { error: 'certificates:validation.reason' })
    .max(500, { error: 'validation.too_long' }),
});

export const certificateSearch = z.object({
  q: optionalQuery(z.string().trim().max(100)),
  status: optionalQuery(z.enum(CERTIFICATE_STATUSES)),
  workshop: optionalQuery(z.string().regex(/^[a-f0-9]{24}$/)),
  scheme: optionalQuery(z.string().regex(/^[a-f0-9]{24}$/)),
  page: z.coerce.number().int().min(1).max(10000).catch(1).default(1),
});
export type CertificateSearch = z.output<typeof certificateSearch>;

export const assessmentSearch = z.object({
  page: z.coerce.number().int().min(1).max(10000).catch(1).default(1),
});

/** The form pages' choices: `?scheme=&worker=` preselect them. */
export const prefillQuery = z.object({
  scheme: optionalQuery(z.string().regex(/^[a-f0-9]{24}$/)),
  worker: optionalQuery(z.string().regex(/^[a-f0-9]{24}$/)),
});

/** Verification codes are 32 base64url characters; anything else is unknown without a lookup. */
export const VERIFY_CODE = /^[A-Za-z0-9_-]{32}$/;
export const verifyQuery = z.object({
  code: optionalQuery(z.string().trim().max(200)),
  // The printed number and check code, checked (and normalised) by the service.
  number: optionalQuery(z.string().trim().max(60)),
  check: optionalQuery(z.string().trim().max(30)),
});
