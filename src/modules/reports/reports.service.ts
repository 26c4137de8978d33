import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { listWorkshopOptions, type WorkshopOption } from '../workshops';
import { buildReport, type RCourse, type Report } from './metrics';
import { MAX_PERIOD_MONTHS, monthsSpanned, resolvePeriod } from './period';
import { loadReportData } from './reports.data';
import { reportWorkshop, seesAllWorkshops } from './reports.policy';
import type { ReportQuery } from './reports.schemas';

export interface ReportView {
  report: Report;
  /** Filters as applied (a manager's workshop is theirs whatever was asked). */
  filters: { period: string; from: string; to: string; workshop: string | null; trade: string | null; custom: boolean };
  seesAll: boolean;
  workshops: { id: string; name: string }[];
  workshopNames: Map<string, string>;
  courses: Map<string, RCourse>;
  /** For a manager: their rank and how many workshops are ranked, without the others' names. */
  position: { rank: number; of: number } | null;
  /** Milliseconds spent loading and computing (shown to coordinators, used by the benchmark). */
  timing: { loadMs: number; computeMs: number };
}

/** The manager dashboard: every figure computed on read from lean queries (see README for why). */
export class ReportsService {
  constructor(private readonly deps: { clock: Clock }) {}

  /** Workshops to choose from (coordinators and admins choose; the route guard and policy decide who calls this). */
  workshopOptions(): Promise<WorkshopOption[]> {
    return listWorkshopOptions();
  }

  /**
   * The report for `actor` with the query's filters. Coordinators and admins: any workshop or all;
   * managers: their own only (another `workshop` is ignored). ValidationError for a period longer
   * than 36 months; NotFoundError for a workshop that does not exist; ForbiddenError for other roles.
   */
  async report(actor: Actor, query: ReportQuery): Promise<ReportView> {
    const workshop = reportWorkshop(actor, query.workshop);
    const now = this.deps.clock.now();
    const custom = !!(query.from || query.to);
    const period = resolvePeriod(now, query.period, { from: query.from, to: query.to });
    if (monthsSpanned(period.fromDate, period.toDate) > MAX_PERIOD_MONTHS) throw new ValidationError({ to: 'reports:validation.too_long' });
    const started = performance.now();
    const data = await loadReportData(period, now);
    const loaded = performance.now();
    if (workshop && !data.workshops.some((w) => w.id === workshop)) throw new NotFoundError();
    const report = buildReport(data, { workshopId: workshop, trade: query.trade ?? null });
    const seesAll = seesAllWorkshops(actor);
    const own = workshop ? report.index.find((r) => r.workshopId === workshop) : undefined;
    return {
      report,
      filters: { period: query.period ?? (custom ? '' : '12m'), from: period.fromDate, to: period.toDate, workshop, trade: query.trade ?? null, custom },
      seesAll,
      workshops: data.workshops.slice().sort((a, b) => a.name.localeCompare(b.name, 'id')),
      workshopNames: new Map(data.workshops.map((w) => [w.id, w.name])),
      courses: data.courses,
      position: !seesAll && own ? { rank: own.rank, of: report.index.length } : null,
      timing: { loadMs: Math.round(loaded - started), computeMs: Math.round(performance.now() - loaded) },
    };
  }
}
