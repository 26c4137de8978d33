import { z } from 'zod';
import { LANGUAGES } from '../../platform/i18n';
import { asArray, emptyToUndefined } from '../../platform/http/validate';
import { normalizeEmail, normalizePhone } from './identifiers';
import { ROLES } from './user.model';

export const PASSWORD_MIN = 10;

const text = (max: number) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .max(max, { error: 'validation.too_long' });

export const password = z
  .string({ error: 'validation.required' })
  .min(PASSWORD_MIN, { error: 'validation.password_min' })
  .max(200, { error: 'validation.too_long' });

const optionalEmail = z.preprocess(
  emptyToUndefined,
  z
    .email({ error: 'validation.email' })
    .max(254, { error: 'validation.too_long' })
    .transform(normalizeEmail)
    .optional(),
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

const objectId = z.string().regex(/^[a-f0-9]{24}$/, { error: 'validation.invalid' });

export const loginForm = z.object({
  identifier: text(254),
  password: z.string({ error: 'validation.required' }).min(1, { error: 'validation.required' }).max(200),
});

export const forgotForm = z.object({ identifier: text(254) });

export const resetForm = z
  .object({ password, confirm: z.string({ error: 'validation.required' }) })
  .refine((f) => f.password === f.confirm, { path: ['confirm'], error: 'validation.password_mismatch' });

export const changePasswordForm = z
  .object({
    current: z.string({ error: 'validation.required' }).min(1, { error: 'validation.required' }).max(200),
    password,
    confirm: z.string({ error: 'validation.required' }),
  })
  .refine((f) => f.password === f.confirm, { path: ['confirm'], error: 'validation.password_mismatch' });

const accountFields = {
  name: text(120),
  email: optionalEmail,
  phone: optionalPhone,
  roles: z.preprocess(
    asArray,
    z.array(z.enum(ROLES, { error: 'validation.invalid' })).min(1, { error: 'validation.roles_required' }),
  ),
  workshop: z.preprocess(emptyToUndefined, objectId.optional()),
  language: z.enum(LANGUAGES, { error: 'validation.invalid' }).default('id'),
};

const accountRules = <T extends { email?: string; phone?: string; roles: string[]; workshop?: string }>(
  f: T,
  ctx: z.RefinementCtx,
) => {
  if (!f.email && !f.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'validation.email_or_phone' });
  if ((f.roles.includes('manager') || f.roles.includes('worker')) && !f.workshop) {
    ctx.addIssue({ code: 'custom', path: ['workshop'], message: 'validation.workshop_required' });
  }
};

export const createAccountForm = z.object({ ...accountFields, password }).superRefine(accountRules);
export const updateAccountForm = z.object(accountFields).superRefine(accountRules);

export const languageForm = z.object({
  lng: z.enum(LANGUAGES, { error: 'validation.invalid' }),
  back: z.string().optional(),
});

/** An unticked checkbox is simply absent from the form. */
export const preferencesForm = z.object({
  language: z.enum(LANGUAGES, { error: 'validation.invalid' }),
  emailOptional: z.preprocess((v) => v === 'yes', z.boolean()),
});

export const accountSearch = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).catch(1).default(1),
});

export type CreateAccountInput = z.output<typeof createAccountForm>;
export type UpdateAccountInput = z.output<typeof updateAccountForm>;
