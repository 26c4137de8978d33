import { Router } from 'express';
import { requireRole } from '../../platform/http/guard';
import { verifyLimits } from '../certificates';
import { ISSUE_ROLES, REPORT_ROLES } from './reports.policy';
import { reportsController } from './reports.controller';
import { statementVerifyController } from './statement.controller';
import type { ReportsModule } from './index';

/** Routes of the reports module (full paths; mounted at "/"). The service scopes a manager to their workshop. */
export function reportsRoutes(mod: ReportsModule): Router {
  const r = Router();
  const guard = requireRole(...REPORT_ROLES);
  const c = reportsController({ reports: mod.reports, capability: mod.capability, clock: mod.deps.clock, i18n: mod.deps.i18n, appUrl: mod.deps.config.appUrl });
  // Public, no login: the same look-up and miss budgets as certificate verification (shared keys).
  const verify = verifyLimits(mod.deps.connection);
  const v = statementVerifyController(mod.capability, verify.miss);
  r.get('/verify/statement/:code', ...verify.before, v.show);
  r.get('/reports', guard, c.dashboard);
  r.get('/reports/export.csv', guard, c.csv);
  r.get('/reports/export.xlsx', guard, c.xlsx);
  r.get('/reports/capability', guard, c.capability);
  r.get('/reports/capability.pdf', guard, c.capabilityPdf);
  r.post('/reports/capability/issue', requireRole(...ISSUE_ROLES), c.issue);
  r.get('/reports/capability/statements/:code.pdf', guard, c.issuedPdf);
  return r;
}
