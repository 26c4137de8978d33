import { z } from 'zod';
import { asArray, emptyToUndefined } from '../../platform/http/validate';
import { wibToUtc } from '../../platform/time';
import { PROCESSES, type WeldingProcess } from './processes';

export const ENTRY_KINDS = ['use', 'test_weld'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

const OBJECT_ID = /^[a-f0-9]{24}$/;

const text = (max: number) =>
  z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.too_long' });

const optionalText = (max: number) =>
  z.preprocess(emptyToUndefined, z.string({ error: 'validation.invalid' }).trim().max(max, { error: 'validation.too_long' }).optional());

/** "2026-03-15" (a date input) or "15/03/2026" as people type it → the ISO date; null when impossible. */
export function parseDay(input: string): string | null {
  const s = input.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const parts = iso ? [iso[1], iso[2], iso[3]] : local ? [local[3], local[2], local[1]] : null;
  if (!parts) return null;
  const date = `${parts[0]}-${parts[1]!.padStart(2, '0')}-${parts[2]!.padStart(2, '0')}`;
  return wibToUtc(date, '00:00') ? date : null;
}

const day = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, { error: 'validation.required' })
  .max(20, { error: 'continuity:validation.date' })
  .transform((v, ctx) => parseDay(v) ?? (ctx.addIssue({ code: 'custom', message: 'continuity:validation.date' }), z.NEVER));

const processField = z.enum(PROCESSES, { error: 'continuity:validation.process' });

/** One log entry for one welder: a use of a process, or a test weld, with its evidence. */
export const entryForm = z.object({
  process: processField,
  date: day,
  kind: z.enum(ENTRY_KINDS, { error: 'validation.invalid' }).default('use'),
  evidence: text(300),
  supervisor: text(120),
});
export type EntryInput = z.output<typeof entryForm>;

/** What the confirmation service takes; `submission` (the form's one-time token) may be left out by scripts. */
export interface ConfirmInput {
  date: string;
  evidence: string;
  supervisor?: string;
  submission?: string;
  selections: Array<{ workerId: string; processes: WeldingProcess[] }>;
}

/**
 * The six-monthly confirmation form of a workshop. Ticked welders arrive as `workers`; the processes
 * of each as the checkbox group `process_<workerId>`, unless `process` names one for all of them.
 * `submission` is the form's one-time token (double submits).
 */
export const confirmForm = z
  .looseObject({
    date: day,
    evidence: text(300),
    supervisor: optionalText(120),
    process: z.preprocess(emptyToUndefined, processField.optional()),
    workers: z.preprocess(asArray, z.array(z.string().regex(OBJECT_ID, { error: 'validation.invalid' })).max(500)),
    submission: z.string({ error: 'validation.invalid' }).regex(/^[a-f0-9]{32}$/, { error: 'validation.invalid' }),
  })
  .transform((form, ctx): ConfirmInput => {
    const selections: ConfirmInput['selections'] = [];
    for (const workerId of [...new Set(form.workers)]) {
      const own = z.array(processField).safeParse(asArray((form as Record<string, unknown>)[`process_${workerId}`]));
      if (!own.success) {
        ctx.addIssue({ code: 'custom', path: ['workers'], message: 'continuity:validation.process' });
        return z.NEVER;
      }
      selections.push({ workerId, processes: form.process ? [form.process] : [...new Set(own.data)] });
    }
    return { date: form.date, evidence: form.evidence, supervisor: form.supervisor, submission: form.submission, selections };
  });

const optionalQuery = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional()).catch(undefined);

export const OVERVIEW_STATUSES = ['at_risk', 'warn', 'lapsed', 'all'] as const;
export type OverviewStatus = (typeof OVERVIEW_STATUSES)[number];

/** The overview's filters; anything unexpected falls back to the default. */
export const overviewQuery = z.object({
  workshop: optionalQuery(z.string().regex(OBJECT_ID)),
  status: z.enum(OVERVIEW_STATUSES).catch('at_risk').default('at_risk'),
});
export type OverviewQuery = z.output<typeof overviewQuery>;
