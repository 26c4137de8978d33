import type { TFunction } from 'i18next';
import type { Formatters } from '../../platform/i18n';
import { barChart, type BarChart } from './charts';
import type { IndexComponent } from './metrics';
import { bucketName } from './period';
import type { ReportView } from './reports.service';
import { TABLES } from './reports.schemas';
import { metricsOf, tablesOf, type Metric, type ReportTable } from './tables';

/** The query string of the page's links, filters kept. */
export function filterQuery(view: ReportView, extra: Record<string, string> = {}): string {
  const f = view.filters;
  const q = new URLSearchParams();
  if (f.custom) {
    q.set('from', f.from);
    q.set('to', f.to);
  } else if (f.period) q.set('period', f.period);
  if (view.seesAll && f.workshop) q.set('workshop', f.workshop);
  if (f.trade) q.set('trade', f.trade);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export function tablesFor(view: ReportView, t: TFunction, lng: string): ReportTable[] {
  return tablesOf(view.report, {
    t,
    lng,
    courses: view.courses,
    workshopNames: view.workshopNames,
    ownWorkshopOnly: view.seesAll ? null : view.filters.workshop,
  });
}

export interface DashboardPage {
  metrics: Metric[];
  tables: Record<string, ReportTable>;
  charts: { index: BarChart; months: BarChart; gains: BarChart; certificates: BarChart };
  links: { csv: Record<string, string>; xlsx: Record<string, string>; xlsxAll: string; capability: string };
}

/**
 * Rows of a list to act on that the page shows; the exports keep every row. At LIK scale the
 * certificates table had 1,848 rows (ci-scale data, 1.5 MB page) and would have ~9,000 at five years.
 */
export const DASHBOARD_LIST_ROWS = 20;

/**
 * The first `DASHBOARD_LIST_ROWS` rows of a list, most urgent first, and the full count. `rank` gives
 * each row (in the table's order) a tuple to sort by; ties keep the table's order.
 */
function mostUrgent(table: ReportTable, rank: (i: number) => [number, number]): ReportTable {
  if (table.rows.length <= DASHBOARD_LIST_ROWS) return table;
  const order = table.rows.map((_, i) => i).sort((a, b) => {
    const [a0, a1] = rank(a);
    const [b0, b1] = rank(b);
    return a0 - b0 || a1 - b1 || a - b;
  }).slice(0, DASHBOARD_LIST_ROWS);
  return { ...table, rows: order.map((i) => table.rows[i]!), labels: table.labels ? order.map((i) => table.labels![i] ?? null) : undefined, total: table.rows.length };
}

/** What the dashboard view renders: figures, tables, charts and export links, all from one report. */
export function dashboardPage(view: ReportView, t: TFunction, lng: string, fmt: Formatters): DashboardPage {
  const r = view.report;
  const tables = Object.fromEntries(tablesFor(view, t, lng).map((tb) => [tb.key, tb]));
  // The page lists what to act on first: certificates that expire soonest, then those that expired
  // most recently; welders about to lapse, then the most recently lapsed, covered ones last.
  const certRows = r.certificates.rows;
  tables.certificates = mostUrgent(tables.certificates!, (i) => {
    const c = certRows[i]!;
    // Expired and lapsed ones have no days left, only a last day ('YYYY-MM-DD'; none sorts last).
    if (c.daysLeft !== null && c.daysLeft >= 0) return [0, c.daysLeft];
    return [1, c.validUntil ? -Date.parse(c.validUntil) : Number.POSITIVE_INFINITY];
  });
  const welders = r.continuity.rows;
  const stage = { warn: 0, lapsed: 1, ok: 2 } as const;
  tables.continuity = mostUrgent(tables.continuity!, (i) => {
    const w = welders[i]!;
    const at = new Date(w.lastUse).getTime();
    return [stage[w.status], w.status === 'warn' ? at : -at];
  });
  const own = view.filters.workshop ? r.index.find((x) => x.workshopId === view.filters.workshop) : undefined;
  const notEnough = t('reports:index.not_enough');
  // The people each component rests on, next to it ("4 dari 7"): a figure of 100 from one person reads differently.
  const part = (label: string, c: IndexComponent | undefined) => ({
    label,
    value: c?.enough ? c.pct : null,
    text: c ? (c.enough ? `${fmt.number(c.pct!)} %` : notEnough) : undefined,
    note: c ? t('reports:index.n', { n: fmt.number(c.n), count: own?.workers ?? 0, workers: fmt.number(own?.workers ?? 0) }) : '',
  });
  const index = view.seesAll
    ? barChart({
        id: 'chart-index',
        title: t('reports:charts.index_title'),
        desc: t('reports:charts.index_desc', { count: r.index.length }),
        labelHeading: t('reports:col.workshop'),
        valueHeading: t('reports:col.index'),
        items: r.index.slice(0, 20).map((x) => ({
          label: `${x.rank ?? '–'}. ${x.name}`,
          value: x.index,
          text: x.index === null ? notEnough : undefined,
          highlight: x.workshopId === view.filters.workshop,
        })),
        format: (n) => fmt.number(n),
        max: 100,
      })
    : barChart({
        id: 'chart-index',
        title: t('reports:charts.components_title'),
        desc: t('reports:charts.components_desc'),
        labelHeading: t('reports:col.component'),
        valueHeading: t('reports:col.value'),
        items: [
          part(t('reports:col.coverage'), own?.coverage),
          part(t('reports:col.certified_share'), own?.certified),
          part(t('reports:col.recency'), own?.recency),
          { label: t('reports:col.index'), value: own?.index ?? null, text: own && own.index === null ? notEnough : undefined, highlight: true },
          ...(r.indexMedian !== null ? [{ label: t('reports:index.median_label'), value: r.indexMedian }] : []),
        ],
        format: (n) => fmt.number(n),
        max: 100,
      });
  const months = barChart({
    id: 'chart-months',
    title: t('reports:charts.months_title'),
    desc: t('reports:charts.months_desc'),
    labelHeading: t('reports:col.month'),
    valueHeading: t('reports:col.person_hours'),
    items: r.months.map((m) => ({ label: bucketName(m.bucket, lng), value: m.personHours, partial: m.partial, note: m.partial ? t('reports:partial', { count: m.days }) : '' })),
    format: (n) => fmt.number(n),
  });
  const gains = barChart({
    id: 'chart-gains',
    title: t('reports:charts.gains_title'),
    desc: t('reports:charts.gains_desc'),
    labelHeading: t('reports:col.trade'),
    valueHeading: t('reports:col.mean_gain'),
    items: r.gainsByTrade.map((g) => ({ label: t(`catalogue:trades.${g.key}`), value: g.meanGain === undefined ? null : Math.round(g.meanGain * 100) / 100 })),
    format: (n) => fmt.number(n),
    max: 4,
  });
  const c = r.certificates;
  const certificates = barChart({
    id: 'chart-certificates',
    title: t('reports:charts.certificates_title'),
    desc: t('reports:charts.certificates_desc'),
    labelHeading: t('reports:col.status'),
    valueHeading: t('reports:col.count'),
    items: [
      { label: t('reports:metrics.valid'), value: c.valid },
      { label: t('reports:metrics.expiring_31_90'), value: c.expiring31to90 },
      { label: t('reports:metrics.expiring_30'), value: c.expiring30 },
      { label: t('reports:metrics.lapsed'), value: c.lapsed },
      { label: t('reports:metrics.expired'), value: c.expired },
    ],
    format: (n) => fmt.number(n),
    integer: true,
  });
  const csv: Record<string, string> = {};
  const xlsx: Record<string, string> = {};
  for (const key of TABLES) {
    csv[key] = `/reports/export.csv?${filterQuery(view, { table: key })}`;
    xlsx[key] = `/reports/export.xlsx?${filterQuery(view, { table: key })}`;
  }
  const capQuery = view.seesAll && view.filters.workshop ? `?workshop=${view.filters.workshop}` : '';
  return {
    metrics: metricsOf(r),
    tables,
    charts: { index, months, gains, certificates },
    links: { csv, xlsx, xlsxAll: `/reports/export.xlsx?${filterQuery(view)}`, capability: `/reports/capability${capQuery}` },
  };
}
