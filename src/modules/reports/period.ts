import { addMonths, daysBetween } from '../certificates';
import { addDays, wibParts, wibToUtc } from '../../platform/time';

/**
 * Period presets of the dashboard: rolling — the last 3/6/12/24 months through today (12m on 2 Dec 2026
 * = 3 Dec 2025 – 2 Dec 2026) — or the year so far. Rolling, not whole calendar months, so that "last
 * 12 months" is never the same as "this year" and always covers a year (see README, "Period").
 */
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
 * The period a preset or custom dates name, on WIB calendar days. `12m` = from the day after the same
 * date 12 months ago through today (rolling: 365 or 366 days; a shorter month clamps, 31 May − 3
 * months = 28 Feb, so 3m from 31 May starts 1 Mar); `ytd` = 1 January through today. Custom
 * `from`/`to` (inclusive) win.
 */
export function resolvePeriod(now: Date, preset: PeriodPreset = DEFAULT_PERIOD, custom: { from?: string; to?: string } = {}): Period {
  const today = wibParts(now).date;
  let fromDate: string;
  let toDate = custom.to ?? today;
  if (custom.from) fromDate = custom.from;
  else if (preset === 'ytd') fromDate = `${toDate.slice(0, 4)}-01-01`;
  else fromDate = addDays(addMonths(toDate, -Number(preset.slice(0, -1))), 1);
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

/** Number of WIB calendar days from `fromDate` to `toDate`, both included. */
export function daysIn(fromDate: string, toDate: string): number {
  return daysBetween(fromDate, toDate) + 1;
}

/**
 * The period of equal length just before `p` (its last day is the day before `p` starts), as of its
 * end: what the index's change is measured against.
 */
export function previousPeriod(p: Period): Period {
  const toDate = addDays(p.fromDate, -1);
  const fromDate = addDays(toDate, -(daysIn(p.fromDate, p.toDate) - 1));
  const from = at(fromDate);
  const to = at(addDays(toDate, 1));
  return { fromDate, toDate, from, to, asOf: to };
}

/** How much of a month or quarter bucket the figures cover: its days inside the period, up to `asOf`. */
export interface BucketCoverage {
  /** Days of the bucket counted (in the period and not after the day of `asOf`). */
  days: number;
  /** Days of the whole calendar month or quarter. */
  fullDays: number;
  /** Fewer days than the whole bucket: the period starts or ends inside it, or it is the current one. */
  partial: boolean;
}

/** First and last WIB day of a month ("YYYY-MM") or quarter ("YYYY-Qn") bucket. */
export function bucketDays(bucket: string): { first: string; last: string } {
  const q = /^(\d{4})-Q(\d)$/.exec(bucket);
  const first = q ? `${q[1]}-${String(Number(q[2]) * 3 - 2).padStart(2, '0')}-01` : `${bucket}-01`;
  return { first, last: addDays(addMonths(first, q ? 3 : 1), -1) };
}

/**
 * The days of `bucket` the period covers through `asOf` (the day of an `asOf` at midnight is not
 * counted). A bucket with fewer days than its calendar length is partial — charts and tables mark it,
 * so 2 days of December are not read as a collapse.
 */
export function bucketCoverage(bucket: string, p: Period): BucketCoverage {
  const { first, last } = bucketDays(bucket);
  const asOfDay = wibParts(new Date(p.asOf.getTime() - 1)).date;
  const start = first > p.fromDate ? first : p.fromDate;
  let end = last < p.toDate ? last : p.toDate;
  if (asOfDay < end) end = asOfDay;
  const days = end < start ? 0 : daysIn(start, end);
  const fullDays = daysIn(first, last);
  return { days, fullDays, partial: days < fullDays };
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const monthFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * A month or quarter bucket as people read it, in the page's language: "Des 2026" / "Dec 2026",
 * "Tw IV 2026" / "Q4 2026" (never "2026-12").
 */
export function bucketName(bucket: string, lng: string): string {
  const q = /^(\d{4})-Q(\d)$/.exec(bucket);
  if (q) return lng === 'en' ? `Q${q[2]} ${q[1]}` : `Tw ${ROMAN[Number(q[2]) - 1]} ${q[1]}`;
  const locale = lng === 'en' ? 'en-GB' : 'id-ID';
  let fmt = monthFormats.get(locale);
  if (!fmt) monthFormats.set(locale, (fmt = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return fmt.format(new Date(`${bucket}-01T00:00:00Z`));
}
