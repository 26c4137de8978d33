import { z } from 'zod';
import { TRADES } from '../catalogue';
import { wibToUtc } from '../../platform/time';
import { PERIODS } from './period';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const date = z.preprocess(blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'reports:validation.date').refine((d) => wibToUtc(d, '00:00') !== null, 'reports:validation.date').optional());

/** The tables of the dashboard, each exportable as CSV (one) or XLSX (one, or all as sheets). */
export const TABLES = ['summary', 'index', 'gains_course', 'gains_trade', 'months', 'quarters', 'certificates', 'continuity'] as const;
export type TableKey = (typeof TABLES)[number];

/** The dashboard's filters, from the query string. Unknown values are refused (422), never passed on. */
export const reportQuery = z
  .object({
    period: z.preprocess(blank, z.enum(PERIODS, { message: 'reports:validation.period' }).optional()),
    from: date,
    to: date,
    workshop: z.preprocess(blank, z.string().regex(/^[a-f0-9]{24}$/i, 'reports:validation.workshop').optional()),
    trade: z.preprocess(blank, z.enum(TRADES, { message: 'reports:validation.trade' }).optional()),
    lng: z.string().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'reports:validation.order', path: ['to'] });
export type ReportQuery = z.output<typeof reportQuery>;

export const exportQuery = z.intersection(
  reportQuery,
  z.object({ table: z.preprocess(blank, z.enum(TABLES, { message: 'reports:validation.table' }).optional()) }),
);

export const capabilityQuery = z.object({
  workshop: z.preprocess(blank, z.string().regex(/^[a-f0-9]{24}$/i, 'reports:validation.workshop').optional()),
  lng: z.string().optional(),
});

/** The issue form: coordinators name the workshop; a manager's own is used whatever is sent. */
export const issueForm = z.object({
  workshop: z.preprocess(blank, z.string().regex(/^[a-f0-9]{24}$/i, 'reports:validation.workshop').optional()),
});
