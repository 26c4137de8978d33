import { wibParts } from '../../platform/time';
import type { TFunction } from 'i18next';
import type { IndexComponent, RCourse, Report, TrendRow } from './metrics';
import { bucketName } from './period';
import type { TableKey } from './reports.schemas';

/** A cell as exported: text, a number (percentages as 0–100 with one decimal), or empty. */
export type Cell = string | number | null;
export type ColumnKind = 'text' | 'number' | 'pct' | 'date';
export interface Column { label: string; kind: ColumnKind }
/** `labels`: the page's text for each row's first cell where it differs from the exported one (month names, "partial"). */
/**
 * `total`: set when `rows` shows only the first rows of a longer table (the dashboard's lists to act
 * on, the index); `more`: the i18n key of the line saying so (default `reports:table_more`), and
 * `moreNote` a key said after it.
 */
export interface ReportTable { key: TableKey; title: string; columns: Column[]; rows: Cell[][]; labels?: (string | null)[]; total?: number; more?: string; moreNote?: string }

export type MetricKind = 'count' | 'hours' | 'pct' | 'level' | 'ratio' | 'index';
/** `renewed`: certificates of this status left out because they were renewed (said next to the figure). */
export interface Metric { key: string; kind: MetricKind; value: number | null; num?: number; den?: number; renewed?: number }

export interface TableContext {
  t: TFunction;
  lng: string;
  courses: Map<string, RCourse>;
  workshopNames: Map<string, string>;
  /** A manager's view: the index table holds only their workshop's row. */
  ownWorkshopOnly: string | null;
}

const r2 = (n: number | undefined | null) => (n === undefined || n === null ? null : Math.round(n * 100) / 100);

/** The headline figures, in the order the page shows them; each has a note `reports:notes.<key>`. */
export function metricsOf(report: Report): Metric[] {
  const own = report.scope.workshopId ? report.index.find((r) => r.workshopId === report.scope.workshopId) : undefined;
  const c = report.certificates;
  return [
    { key: 'workers', kind: 'count', value: report.workers },
    { key: 'workers_trained', kind: 'count', value: report.training.workersTrained },
    { key: 'person_hours', kind: 'hours', value: report.training.personHours },
    { key: 'attendance_rate', kind: 'pct', value: report.training.attendance.pct, num: report.training.attendance.num, den: report.training.attendance.den },
    { key: 'completion_rate', kind: 'pct', value: report.training.completion.pct, num: report.training.completion.num, den: report.training.completion.den },
    { key: 'certified_share', kind: 'pct', value: report.certified.certified.pct, num: report.certified.certified.num, den: report.certified.certified.den },
    { key: 'coverage', kind: 'pct', value: report.coverage.coverage.pct, num: report.coverage.coverage.num, den: report.coverage.coverage.den },
    { key: 'mean_gain', kind: 'level', value: r2(report.meanGain?.meanGain), den: report.meanGain?.pairs ?? 0 },
    { key: 'mean_normalised_gain', kind: 'ratio', value: r2(report.meanGain?.meanNormalisedGain), den: report.meanGain?.normalisedPairs ?? 0 },
    { key: 'expiring_30', kind: 'count', value: c.expiring30, renewed: c.renewed.expiring30 },
    { key: 'expiring_31_90', kind: 'count', value: c.expiring31to90, renewed: c.renewed.expiring31to90 },
    { key: 'lapsed', kind: 'count', value: c.lapsed, renewed: c.renewed.lapsed },
    { key: 'expired', kind: 'count', value: c.expired, renewed: c.renewed.expired },
    { key: 'continuity_compliance', kind: 'pct', value: report.continuity.compliance.pct, num: report.continuity.compliance.num, den: report.continuity.compliance.den },
    ...(own ? [{ key: 'index', kind: 'index' as const, value: own.index }] : []),
  ];
}

const courseLabel = (ctx: TableContext, id: string) => {
  const c = ctx.courses.get(id);
  if (!c) return ['', ''];
  return [c.code, (ctx.lng === 'en' ? c.title.en || c.title.id : c.title.id || c.title.en)];
};

/** Every table of the page, built once for the page, the CSV and the XLSX, so all three agree. */
export function tablesOf(report: Report, ctx: TableContext): ReportTable[] {
  const { t } = ctx;
  const col = (key: string, kind: ColumnKind = 'text'): Column => ({ label: t(`reports:col.${key}`), kind });
  const shop = (id: string) => ctx.workshopNames.get(id) ?? '';
  const trade = (k: string) => (k ? t(`catalogue:trades.${k}`) : '');
  const indexRows = ctx.ownWorkshopOnly ? report.index.filter((r) => r.workshopId === ctx.ownWorkshopOnly) : report.index;
  const trend = (key: 'months' | 'quarters'): ReportTable => ({
    key,
    title: t(`reports:tables.${key}`),
    columns: [col(key === 'months' ? 'month' : 'quarter'), col('workers_trained', 'number'), col('person_hours', 'number'), col('attendance_rate', 'pct'), col('mean_gain', 'number'), col('certified_share', 'pct')],
    rows: report[key].map((r) => [r.bucket, r.workersTrained, r.personHours, r.attendancePct, r.meanGain, r.certifiedPct]),
    labels: report[key].map((r) => bucketLabel(r, t, ctx.lng)),
  });
  const notEnough = t('reports:index.not_enough');
  const part = (c: IndexComponent): Cell => (c.enough ? c.pct : notEnough);
  // One translation per status, not one per row (an export has thousands of rows).
  const once = (prefix: string) => {
    const seen = new Map<string, string>();
    return (k: string) => {
      let v = seen.get(k);
      if (v === undefined) seen.set(k, (v = t(`${prefix}${k}`)));
      return v;
    };
  };
  const certStatus = once('certificates:status.');
  const welderStatus = once('reports:welder_status.');
  return [
    {
      key: 'summary',
      title: t('reports:tables.summary'),
      columns: [col('metric'), col('value', 'number'), col('numerator', 'number'), col('denominator', 'number')],
      rows: metricsOf(report).map((m) => [t(`reports:metrics.${m.key}`), m.value, m.num ?? null, m.den ?? null]),
    },
    {
      key: 'index',
      title: t('reports:tables.index'),
      columns: [col('rank', 'number'), col('workshop'), col('workers', 'number'), col('coverage', 'pct'), col('coverage_n', 'number'), col('certified_share', 'pct'), col('certified_n', 'number'), col('recency', 'pct'), col('recency_n', 'number'), col('index', 'number'), col('index_change', 'number')],
      rows: indexRows.map((r) => [r.rank, r.name, r.workers, part(r.coverage), r.coverage.n, part(r.certified), r.certified.n, part(r.recency), r.recency.n, r.index, r.change]),
    },
    {
      key: 'gains_course',
      title: t('reports:tables.gains_course'),
      columns: [col('course_code'), col('course'), col('trade'), col('pairs', 'number'), col('mean_pre', 'number'), col('mean_post', 'number'), col('mean_gain', 'number'), col('mean_normalised_gain', 'number')],
      rows: report.gainsByCourse.map((g) => [...courseLabel(ctx, g.key), trade(ctx.courses.get(g.key)?.trade ?? ''), g.pairs, r2(g.meanPre), r2(g.meanPost), r2(g.meanGain), r2(g.meanNormalisedGain)]),
    },
    {
      key: 'gains_trade',
      title: t('reports:tables.gains_trade'),
      columns: [col('trade'), col('pairs', 'number'), col('mean_pre', 'number'), col('mean_post', 'number'), col('mean_gain', 'number'), col('mean_normalised_gain', 'number')],
      rows: report.gainsByTrade.map((g) => [trade(g.key), g.pairs, r2(g.meanPre), r2(g.meanPost), r2(g.meanGain), r2(g.meanNormalisedGain)]),
    },
    trend('months'),
    trend('quarters'),
    {
      key: 'certificates',
      title: t('reports:tables.certificates'),
      columns: [col('holder'), col('workshop'), col('scheme'), col('number'), col('last_day', 'date'), col('days_left', 'number'), col('status')],
      rows: report.certificates.rows.map((c) => [c.holderName, shop(c.workshopId), c.schemeName, c.number, c.validUntil, c.daysLeft, certStatus(c.status)]),
    },
    {
      key: 'continuity',
      title: t('reports:tables.continuity'),
      columns: [col('welder'), col('workshop'), col('process'), col('last_use', 'date'), col('status')],
      rows: report.continuity.rows.map((w) => [w.name, shop(w.workshopId), w.process, wibParts(w.lastUse).date, welderStatus(w.status)]),
    },
  ];
}

/** A month or quarter as the page reads it ("Des 2026", "Tw IV 2026"), with "partial (2 days)" when it is. */
function bucketLabel(r: TrendRow, t: TFunction, lng: string): string {
  const name = bucketName(r.bucket, lng);
  return r.partial ? `${name} · ${t('reports:partial', { count: r.days })}` : name;
}
