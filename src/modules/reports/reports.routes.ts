import { Router } from 'express';
import { requireRole } from '../../platform/http/guard';
import { REPORT_ROLES } from './reports.policy';
import { reportsController } from './reports.controller';
import type { ReportsModule } from './index';

/** Routes of the reports module (full paths; mounted at "/"). The service scopes a manager to their workshop. */
export function reportsRoutes(mod: ReportsModule): Router {
  const r = Router();
  const guard = requireRole(...REPORT_ROLES);
  const c = reportsController({ reports: mod.reports, capability: mod.capability, clock: mod.deps.clock, i18n: mod.deps.i18n });
  r.get('/reports', guard, c.dashboard);
  r.get('/reports/export.csv', guard, c.csv);
  r.get('/reports/export.xlsx', guard, c.xlsx);
  r.get('/reports/capability', guard, c.capability);
  r.get('/reports/capability.pdf', guard, c.capabilityPdf);
  return r;
}
