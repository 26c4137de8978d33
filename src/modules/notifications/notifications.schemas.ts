import { z } from 'zod';
import { JOB_STATES } from '../../platform/jobs/agenda';
import { emptyToUndefined } from '../../platform/http/validate';
import { EMAIL_STATUSES } from './notification.model';

const page = z.coerce.number().int().min(1).max(10000).catch(1).default(1);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional()).catch(undefined);

export const logQuery = z.object({
  status: optional(z.enum(EMAIL_STATUSES)),
  kind: optional(z.string().regex(/^[a-z][a-z-]{0,59}$/)),
  q: optional(z.string().trim().max(100)),
  page,
});

export const jobsQuery = z.object({ state: optional(z.enum(JOB_STATES)), page });

export const unreachableQuery = z.object({ workshop: optional(z.string().regex(/^[a-f0-9]{24}$/)), page });

export const testEmailForm = z.object({
  to: z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .max(254, { error: 'validation.too_long' })
    .pipe(z.email({ error: 'validation.email' })),
});
