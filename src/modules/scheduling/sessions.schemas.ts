import { z } from 'zod';
import { formTokenField } from '../../platform/http/form-token';
import { asArray, emptyToUndefined } from '../../platform/http/validate';

const objectId = z.string({ error: 'validation.required' }).regex(/^[a-f0-9]{24}$/, { error: 'validation.required' });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'scheduling:validation.date' });
const time = z.string().regex(/^\d{2}:\d{2}$/, { error: 'scheduling:validation.time' });

const capacity = z.coerce.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).min(1, { error: 'scheduling:validation.capacity' }).max(200, { error: 'scheduling:validation.capacity' });

/** Session fields shared by create and edit. */
const sessionFields = {
  course: objectId,
  instructors: z.preprocess(asArray, z.array(objectId).min(1, { error: 'scheduling:validation.instructor_required' }).max(5)),
  room: objectId,
  capacity,
  state: z.enum(['planned', 'open'], { error: 'validation.invalid' }),
  cutoffHours: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'validation.invalid' }).int().min(0).max(336).default(24)),
  notes: z.preprocess(emptyToUndefined, z.string().trim().max(2000, { error: 'validation.too_long' }).optional()),
};

/**
 * A new session: meetings either listed (up to 10 rows of date/start/end; empty rows ignored) or made
 * by the recurrence helper (weekdays × weeks from a date at a time of day), chosen by `plan`.
 */
export const createSessionForm = z.object({
  ...sessionFields,
  // Left empty, the course's default capacity is taken (SessionsService.createSession).
  capacity: z.preprocess(emptyToUndefined, capacity.optional()),
  plan: z.enum(['list', 'recurring'], { error: 'validation.invalid' }),
  meetingDate: z.preprocess(asArray, z.array(z.string()).max(10)),
  meetingStart: z.preprocess(asArray, z.array(z.string()).max(10)),
  meetingEnd: z.preprocess(asArray, z.array(z.string()).max(10)),
  recurFrom: z.preprocess(emptyToUndefined, date.optional()),
  recurWeekdays: z.preprocess(asArray, z.array(z.coerce.number().int().min(0).max(6)).max(7)),
  recurWeeks: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1, { error: 'scheduling:validation.weeks' }).max(26, { error: 'scheduling:validation.weeks' }).optional()),
  recurStart: z.preprocess(emptyToUndefined, time.optional()),
  recurEnd: z.preprocess(emptyToUndefined, time.optional()),
  formToken: formTokenField,
}).refine((f) => f.capacity !== undefined || objectId.safeParse(f.course).success, {
  path: ['capacity'],
  error: 'scheduling:validation.capacity_or_course',
  // Also when other fields failed: the message belongs next to an empty course.
  when: () => true,
});
export type CreateSessionInput = z.output<typeof createSessionForm>;

export const updateSessionForm = z.object(sessionFields);
export type UpdateSessionInput = z.output<typeof updateSessionForm>;

export const meetingForm = z.object({ date, start: time, end: time });

export const cancelSessionForm = z.object({
  reason: z.string({ error: 'validation.required' }).trim().min(3, { error: 'validation.required' }).max(500, { error: 'validation.too_long' }),
});

export const enrollForm = z.object({
  worker: objectId,
  overrideReason: z.preprocess(emptyToUndefined, z.string().trim().min(5, { error: 'scheduling:validation.reason_short' }).max(500).optional()),
});

export const bulkEnrollForm = z
  .object({
    workshop: z.preprocess(emptyToUndefined, objectId.optional()),
    trade: z.preprocess(emptyToUndefined, z.string().max(40).optional()),
    position: z.preprocess(emptyToUndefined, z.string().trim().max(120).optional()),
  })
  .refine((f) => f.workshop || f.trade || f.position, { path: ['workshop'], error: 'scheduling:validation.bulk_filter' });

/** `/sessions/new?course=<id>`: the course to plan for (from its catalogue page); anything else is ignored. */
export const newSessionQuery = z.object({
  course: z.preprocess(emptyToUndefined, z.string().regex(/^[a-f0-9]{24}$/).optional()).catch(undefined),
});

export const sessionListQuery = z.object({
  when: z.enum(['upcoming', 'past', 'all']).catch('upcoming').default('upcoming'),
  course: z.preprocess(emptyToUndefined, z.string().regex(/^[a-f0-9]{24}$/).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});
