import { z } from 'zod';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { emptyToUndefined } from '../../platform/http/validate';
import { LEGAL_FORMS, splitWorkshopName } from './workshop.model';

const text = (max: number) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .max(max, { error: 'validation.too_long' });

const optionalText = (max: number) =>
  z.preprocess(emptyToUndefined, z.string({ error: 'validation.invalid' }).trim().max(max, { error: 'validation.too_long' }).optional());

// Landlines too (Tegal: 0283-…), so not accounts' normalizePhone: the accounts module imports this
// module, and importing it back would make a cycle.
const optionalPhone = z.preprocess(
  emptyToUndefined,
  z
    .string({ error: 'validation.phone' })
    .max(30, { error: 'validation.phone' })
    .transform((v, ctx) => {
      const parsed = parsePhoneNumberFromString(v.trim(), 'ID');
      if (!parsed || !parsed.isValid()) {
        ctx.addIssue({ code: 'custom', message: 'workshops:validation.phone' });
        return z.NEVER;
      }
      return parsed.number;
    })
    .optional(),
);

export const workshopForm = z.object({
  // "CV. Logam Jaya" typed into the name field: the legal form has its own field.
  name: text(120).transform((v) => splitWorkshopName(v).name),
  legalForm: z.enum(LEGAL_FORMS, { error: 'workshops:validation.legal_form' }),
  owner: optionalText(120),
  products: optionalText(500),
  unit: optionalText(40),
  phone: optionalPhone,
  contact: optionalText(120),
  email: z.preprocess(emptyToUndefined, z.string({ error: 'validation.invalid' }).trim().toLowerCase().max(254, { error: 'validation.too_long' }).pipe(z.email({ error: 'validation.email' })).optional()),
  signatoryName: optionalText(120),
  signatoryTitle: optionalText(80),
});
export type WorkshopInput = z.output<typeof workshopForm>;

export const workshopSearch = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()).catch(undefined),
  show: z.enum(['active', 'archived']).catch('active').default('active'),
  page: z.coerce.number().int().min(1).max(10000).catch(1).default(1),
});
export type WorkshopSearch = z.output<typeof workshopSearch>;

export const archiveForm = z.object({ archived: z.enum(['true', 'false']).transform((v) => v === 'true') });
