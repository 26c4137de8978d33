import type { TFunction } from 'i18next';
import type { Formatters } from '../../platform/i18n';
import { barChart, type BarChart } from './charts';
import type { CertificateRow, IndexComponent, Report, WelderRow } from './metrics';
import { bucketName } from './period';
import type { ReportView } from './reports.service';
import { TABLES } from './reports.schemas';
import { metricsOf, tablesOf, type Metric, type ReportTable, type TableContext } from './tables';

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

const tableContext = (view: ReportView, t: TFunction, lng: string): TableContext => ({
  t,
  lng,
  courses: view.courses,
  workshopNames: view.workshopNames,
  ownWorkshopOnly: view.seesAll ? null : view.filters.workshop,
});

/** Every table with every row (the exports). */
export function tablesFor(view: ReportView, t: TFunction, lng: string): ReportTable[] {
  return tablesOf(view.report, tableContext(view, t, lng));
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
 * Rows of the competitiveness index the coordinator's page shows (the highest ranked, as the chart);
 * the exports keep every workshop. At full scale the table had 200 rows on every page view.
 */
export const DASHBOARD_INDEX_ROWS = 20;

/**
 * The first `DASHBOARD_LIST_ROWS` rows of a list, most urgent first. `rank` gives each row (in the
 * list's order) a tuple to sort by; ties keep the list's order.
 */
function mostUrgent<T>(rows: readonly T[], rank: (row: T) => [number, number]): T[] {
  if (rows.length <= DASHBOARD_LIST_ROWS) return rows.slice();
  const keys = rows.map(rank);
  return rows.map((_, i) => i).sort((a, b) => keys[a]![0] - keys[b]![0] || keys[a]![1] - keys[b]![1] || a - b).slice(0, DASHBOARD_LIST_ROWS).map((i) => rows[i]!);
}

const stage = { warn: 0, lapsed: 1, ok: 2 } as const;

/**
 * The rows of the page's lists to act on, chosen once per report: a snapshot's report is decoded
 * once per process and shared by every request (snapshots.service.ts), so the choice is too.
 * Certificates that expire soonest, then those that expired most recently; welders about to lapse,
 * then the most recently lapsed, covered ones last.
 */
const urgentOf = new WeakMap<Report, { certificates: CertificateRow[]; continuity: WelderRow[] }>();
function urgent(r: Report): { certificates: CertificateRow[]; continuity: WelderRow[] } {
  let u = urgentOf.get(r);
  if (!u) {
    u = {
      certificates: mostUrgent(r.certificates.rows, (c) => {
        // Expired and lapsed ones have no days left, only a last day ('YYYY-MM-DD'; none sorts last).
        if (c.daysLeft !== null && c.daysLeft >= 0) return [0, c.daysLeft];
        return [1, c.validUntil ? -Date.parse(c.validUntil) : Number.POSITIVE_INFINITY];
      }),
      continuity: mostUrgent(r.continuity.rows, (w) => {
        const at = new Date(w.lastUse).getTime();
        return [stage[w.status], w.status === 'warn' ? at : -at];
      }),
    };
    urgentOf.set(r, u);
  }
  return u;
}

/** What the dashboard view renders: figures, tables, charts and export links, all from one report. */
export function dashboardPage(view: ReportView, t: TFunction, lng: string, fmt: Formatters): DashboardPage {
  const r = view.report;
  const own = view.filters.workshop ? r.index.find((x) => x.workshopId === view.filters.workshop) : undefined;
  // Only the rows the page shows are turned into table cells (translated, formatted, rendered): at
  // LIK level the report holds every certificate and welder process (thousands) and every workshop.
  // The exports build their tables from the whole report (tablesFor).
  const u = urgent(r);
  const topIndex = r.index.slice(0, DASHBOARD_INDEX_ROWS);
  const ownAdded = !!own && view.seesAll && !topIndex.includes(own);
  const shown: Report = {
    ...r,
    certificates: { ...r.certificates, rows: u.certificates },
    continuity: { ...r.continuity, rows: u.continuity },
    // A manager's table holds their own row only (tablesOf); a coordinator's the highest ranked, and
    // the chosen workshop's row after them when it is further down.
    index: view.seesAll ? (ownAdded ? [...topIndex, own] : topIndex) : own ? [own] : [],
  };
  const tables = Object.fromEntries(tablesOf(shown, tableContext(view, t, lng)).map((tb) => [tb.key, tb]));
  const more = (key: 'certificates' | 'continuity', total: number) => {
    if (total > tables[key]!.rows.length) tables[key] = { ...tables[key]!, total };
  };
  more('certificates', r.certificates.rows.length);
  more('continuity', r.continuity.rows.length);
  if (view.seesAll && r.index.length > topIndex.length) {
    tables.index = { ...tables.index!, total: r.index.length, more: 'reports:index_more', moreNote: ownAdded ? 'reports:index_more_chosen' : undefined };
  }
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
