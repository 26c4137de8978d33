import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { listWorkshopOptions, type WorkshopOption } from '../workshops';
import { buildReport, type RCourse, type Report } from './metrics';
import { DEFAULT_PERIOD, MAX_PERIOD_MONTHS, monthsSpanned, resolvePeriod } from './period';
import { loadReportData } from './reports.data';
import { reportWorkshop, seesAllWorkshops } from './reports.policy';
import type { ReportQuery } from './reports.schemas';
import type { ReportSnapshots, SnapshotShared } from './snapshots.service';

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
  /** Set when the figures come from a snapshot: when it was taken, and whether data changed since. */
  snapshot: { builtAt: Date; stale: boolean } | null;
}

/**
 * The manager dashboard. Figures come from today's snapshot of the period preset and scope when it
 * is fresh (no data changed since it was built), or when computing on read is slow (`liveMaxMs`,
 * measured by the last build) — then a stale one is shown, saying when it was taken. Otherwise, and
 * for custom dates or scopes without a snapshot, every figure is computed on read (see README).
 */
type Lists = Pick<ReportView, 'workshops' | 'workshopNames' | 'courses'>;
const byName = new Intl.Collator('id');
const listsOf = (workshops: readonly { id: string; name: string }[], courses: Map<string, RCourse>): Lists => ({
  workshops: workshops.slice().sort((a, b) => byName.compare(a.name, b.name)),
  workshopNames: new Map(workshops.map((w) => [w.id, w.name])),
  courses,
});

export class ReportsService {
  private readonly listsByShared = new WeakMap<SnapshotShared, Lists>();

  constructor(private readonly deps: { clock: Clock; snapshots?: ReportSnapshots; liveMaxMs?: number }) {}

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
    const seesAll = seesAllWorkshops(actor);
    const filters = { period: query.period ?? (custom ? '' : DEFAULT_PERIOD), from: period.fromDate, to: period.toDate, workshop, trade: query.trade ?? null, custom };
    const scope = { workshopId: workshop, trade: query.trade ?? null };
    const started = performance.now();
    const snap = !custom && this.deps.snapshots ? await this.deps.snapshots.lookup(query.period ?? DEFAULT_PERIOD, scope) : null;
    if (snap && (snap.fresh || snap.liveMs >= (this.deps.liveMaxMs ?? Infinity))) {
      const workshops = snap.shared.workshops;
      if (workshop && !workshops.some((w) => w.id === workshop)) throw new NotFoundError();
      return this.view(snap.report, filters, seesAll, this.lists(snap.shared), {
        timing: { loadMs: Math.round(performance.now() - started), computeMs: 0 },
        snapshot: { builtAt: snap.builtAt, stale: !snap.fresh },
      });
    }
    const data = await loadReportData(period, now);
    const loaded = performance.now();
    if (workshop && !data.workshops.some((w) => w.id === workshop)) throw new NotFoundError();
    const report = buildReport(data, scope);
    return this.view(report, filters, seesAll, listsOf(data.workshops, data.courses), {
      timing: { loadMs: Math.round(loaded - started), computeMs: Math.round(performance.now() - loaded) },
      snapshot: null,
    });
  }

  /** The workshop list and look-ups of a snapshot's shared part, made once per build (the shared object is cached). */
  private lists(shared: SnapshotShared): Lists {
    let l = this.listsByShared.get(shared);
    if (!l) {
      l = listsOf(shared.workshops, new Map(shared.courses));
      this.listsByShared.set(shared, l);
    }
    return l;
  }

  private view(
    report: Report,
    filters: ReportView['filters'],
    seesAll: boolean,
    lists: Lists,
    extra: Pick<ReportView, 'timing' | 'snapshot'>,
  ): ReportView {
    const own = filters.workshop ? report.index.find((r) => r.workshopId === filters.workshop) : undefined;
    return {
      report,
      filters,
      seesAll,
      ...lists,
      // Ranked among the workshops that have an index; a workshop without one has no rank to show.
      position: !seesAll && own && own.rank !== null ? { rank: own.rank, of: report.index.filter((r) => r.rank !== null).length } : null,
      ...extra,
    };
  }
}
