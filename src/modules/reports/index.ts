import type { ServiceDeps } from '../../platform/deps';
import { CapabilityService } from './capability.service';
import { reportsJobs } from './reports.jobs';
import { ReportsService } from './reports.service';
import { ReportSnapshots } from './snapshots.service';

export { reportsRoutes } from './reports.routes';
export { REPORT_ROLES, reportWorkshop } from './reports.policy';
export { buildReport, competitiveness, type Report, type ReportData } from './metrics';
export { loadReportData } from './reports.data';
export { resolvePeriod, type Period } from './period';
export { tablesOf, metricsOf, type ReportTable } from './tables';
export { ReportsService, type ReportView } from './reports.service';
export { CapabilityService, statementUrl, type CapabilityStatement } from './capability.service';
export { IssuedStatement, StatementNumber } from './statement.model';
export { groupItems, totalsOf, isLoopbackUrl } from './statement.view';
export { renderCapabilityPdf } from './capability.pdf';
export { writeCsv, writeXlsx } from './export';
export { ReportSnapshots, scopesOf, type BuildSummary } from './snapshots.service';

/** The manager dashboard, competitiveness index, capability statement and exports (read-only). */
export function createReportsModule(deps: ServiceDeps) {
  const snapshots = new ReportSnapshots({ clock: deps.clock, logger: deps.logger });
  return {
    deps,
    snapshots,
    jobs: reportsJobs(snapshots),
    reports: new ReportsService({ clock: deps.clock, snapshots, liveMaxMs: deps.config.reportsLiveMaxMs }),
    capability: new CapabilityService({ clock: deps.clock, appUrl: deps.config.appUrl, isProduction: deps.config.isProduction }),
  };
}
export type ReportsModule = ReturnType<typeof createReportsModule>;
