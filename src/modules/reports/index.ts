import type { ServiceDeps } from '../../platform/deps';
import { CapabilityService } from './capability.service';
import { ReportsService } from './reports.service';

export { reportsRoutes } from './reports.routes';
export { REPORT_ROLES, reportWorkshop } from './reports.policy';
export { buildReport, competitiveness, type Report, type ReportData } from './metrics';
export { loadReportData } from './reports.data';
export { resolvePeriod, type Period } from './period';
export { tablesOf, metricsOf, type ReportTable } from './tables';
export { ReportsService, type ReportView } from './reports.service';
export { CapabilityService, type CapabilityStatement } from './capability.service';
export { renderCapabilityPdf } from './capability.pdf';
export { writeCsv, writeXlsx } from './export';

/** The manager dashboard, competitiveness index, capability statement and exports (read-only). */
export function createReportsModule(deps: ServiceDeps) {
  return {
    deps,
    reports: new ReportsService({ clock: deps.clock }),
    capability: new CapabilityService({ clock: deps.clock, appUrl: deps.config.appUrl }),
  };
}
export type ReportsModule = ReturnType<typeof createReportsModule>;
