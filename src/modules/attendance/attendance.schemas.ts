import { z } from 'zod';
import { ATTENDANCE_STATUSES } from './attendance.model';

/** Each worker's radio group on the attendance form is named `status_<workerId>`. */
export const STATUS_FIELD_PREFIX = 'status_';
export const statusField = (workerId: string) => `${STATUS_FIELD_PREFIX}${workerId}`;

/** Only the status fields of the body; `_csrf` and anything else are left out. */
const statusFields = (body: unknown): unknown => {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter(([k]) => k.startsWith(STATUS_FIELD_PREFIX)));
};

/**
 * The attendance form: `status_<workerId>` → present | late | absent | excused, one per worker
 * marked. A repeated field (an array) or an unknown word is refused for that worker; a malformed
 * worker id is refused for the whole form. Unmarked workers are simply not sent.
 */
export const attendanceForm = z
  .preprocess(
    statusFields,
    z.record(z.string(), z.enum(ATTENDANCE_STATUSES, { error: 'attendance:validation.status' })).superRefine((fields, ctx) => {
      if (Object.keys(fields).some((k) => !/^status_[a-f0-9]{24}$/.test(k))) {
        ctx.addIssue({ code: 'custom', path: ['_form'], message: 'attendance:validation.unknown_worker' });
      }
    }),
  )
  .transform((fields) =>
    Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.slice(STATUS_FIELD_PREFIX.length), v])),
  )
  .refine((marks) => Object.keys(marks).length > 0, { error: 'attendance:validation.nothing_marked' });

export type AttendanceMarks = z.output<typeof attendanceForm>;

/** The parts of a QR check-in link `/checkin/<meetingId>/<step>/<sig>`. Anything else is unknown. */
export const qrPass = z.object({
  meetingId: z.string().regex(/^[a-f0-9]{24}$/),
  step: z.string().regex(/^\d{1,12}$/).transform(Number),
  sig: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
});

/** The typed check-in code: six digits; spaces (as shown, "123 456") are ignored. */
export const checkinCodeForm = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v),
    z.string({ error: 'attendance:validation.code' }).regex(/^\d{6}$/, { error: 'attendance:validation.code' }),
  ),
});
