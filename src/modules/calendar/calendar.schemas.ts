import { z } from 'zod';
import { wibToUtc } from '../../platform/time';
import { TRADES } from '../catalogue';
import { CALENDAR_VIEWS } from './calendar-grid';

/** A real WIB calendar date between 2000 and 2100 ("2026-02-30" is not one). */
export const isoDate = z
  .string()
  .regex(/^(20\d{2}|2100)-\d{2}-\d{2}$/)
  .refine((d) => wibToUtc(d, '00:00') !== null);

const objectId = z.string().regex(/^[a-f0-9]{24}$/i);

/**
 * The calendar's query string. Links and bookmarks get edited by hand, so a bad value never fails
 * the page: a bad date means today, a bad view the month, an unknown filter no filter.
 */
export const calendarQuery = z.object({
  view: z.enum(CALENDAR_VIEWS).catch('month'),
  date: isoDate.optional().catch(undefined),
  trade: z.enum(TRADES).optional().catch(undefined),
  room: objectId.optional().catch(undefined),
  instructor: objectId.optional().catch(undefined),
});
export type CalendarQuery = z.output<typeof calendarQuery>;

/** `/my/schedule?from=YYYY-MM-DD`: the first day of the window shown (bad → today). */
export const scheduleQuery = z.object({
  from: isoDate.optional().catch(undefined),
});

/** A personal feed token as issued: 32 random bytes in base64url (43 characters). */
export const feedToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** A session id in `/sessions/<id>.ics`. */
export const sessionId = objectId;
