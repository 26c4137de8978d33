import { addMonths } from '../certificates';
import { addDays, wibParts, wibToUtc } from '../../platform/time';

/** Period presets of the dashboard: whole WIB calendar months ending with the current one, or the year so far. */
export const PERIODS = ['3m', '6m', '12m', '24m', 'ytd'] as const;
export type PeriodPreset = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: PeriodPreset = '12m';
/** Longer custom periods would make the monthly trend unreadable (and the read slower). */
export const MAX_PERIOD_MONTHS = 36;

export interface Period {
  /** First WIB day, inclusive ("YYYY-MM-DD"). */
  fromDate: string;
  /** Last WIB day, inclusive. */
  toDate: string;
  /** [from, to) as instants: midnight WIB of fromDate and of the day after toDate. */
  from: Date;
  to: Date;
  /** The instant snapshot figures are taken at: the end of the period, or now when that is earlier. */
  asOf: Date;
}

const at = (date: string) => wibToUtc(date, '00:00')!;

/**
 * The period a preset or custom dates name, on WIB calendar days. `12m` = the current month and the
 * 11 before it, through today; `ytd` = 1 January through today. Custom `from`/`to` (inclusive) win.
 */
export function resolvePeriod(now: Date, preset: PeriodPreset = DEFAULT_PERIOD, custom: { from?: string; to?: string } = {}): Period {
  const today = wibParts(now).date;
  let fromDate: string;
  let toDate = custom.to ?? today;
  if (custom.from) fromDate = custom.from;
  else if (preset === 'ytd') fromDate = `${toDate.slice(0, 4)}-01-01`;
  else fromDate = addMonths(`${toDate.slice(0, 7)}-01`, -(Number(preset.slice(0, -1)) - 1));
  if (fromDate > toDate) [fromDate, toDate] = [toDate, fromDate];
  const from = at(fromDate);
  const to = at(addDays(toDate, 1));
  return { fromDate, toDate, from, to, asOf: to.getTime() < now.getTime() ? to : now };
}

/** The WIB months ("YYYY-MM") and quarters ("YYYY-Qn") the period touches, in order. */
export function periodBuckets(p: Period): { months: string[]; quarters: string[] } {
  const months: string[] = [];
  for (let m = `${p.fromDate.slice(0, 7)}-01`; m <= p.toDate; m = addMonths(m, 1)) months.push(m.slice(0, 7));
  const quarters = [...new Set(months.map((m) => `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5, 7)) / 3)}`))];
  return { months, quarters };
}

/** The instant a month or quarter ends (exclusive), capped at `asOf`: where its snapshot is taken. */
export function bucketEnd(bucket: string, asOf: Date): Date {
  const q = /^(\d{4})-Q(\d)$/.exec(bucket);
  const firstOfNext = q ? addMonths(`${q[1]}-${String(Number(q[2]) * 3).padStart(2, '0')}-01`, 1) : addMonths(`${bucket}-01`, 1);
  const end = at(firstOfNext);
  return end.getTime() < asOf.getTime() ? end : asOf;
}

/** Whole months between two WIB dates, counting both ends' months. */
export function monthsSpanned(fromDate: string, toDate: string): number {
  return (Number(toDate.slice(0, 4)) - Number(fromDate.slice(0, 4))) * 12 + Number(toDate.slice(5, 7)) - Number(fromDate.slice(5, 7)) + 1;
}
