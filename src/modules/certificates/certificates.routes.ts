import { Router } from 'express';
import { requireRole } from '../../platform/http/guard';
import { offlineCopy } from '../../platform/http/offline-copy';
import { assessmentsController } from './assessments.controller';
import { certificatesController } from './certificates.controller';
import { credentialsController } from './credentials.controller';
import { LIST_ROLES, MANAGE_ROLES, VIEW_ROLES } from './certificates.policy';
import { historyController, receiveScan } from './history.controller';
import { schemesController } from './schemes.controller';
import { verifyController } from './verify.controller';
import { verifyLimits } from './verify-limits';
import type { CertificatesModule } from './index';

/** Routes of the certificates module (full paths; mounted at "/"). Fixed paths come before `:id`. */
export function certificatesRoutes(mod: CertificatesModule): Router {
  const r = Router();
  const { clock, config, connection } = mod.deps;
  const c = certificatesController({ ...mod, clock, appUrl: config.appUrl });
  const a = assessmentsController(mod.assessments, mod.issue, clock);
  const s = schemesController(mod.schemes);
  const h = historyController(mod.issue, clock);
  const verify = verifyLimits(connection);
  const v = verifyController(mod.certificates, clock, verify.miss);
  const vc = credentialsController(mod.credentials, verify.miss);
  const managers = requireRole(...MANAGE_ROLES);
  const listers = requireRole(...LIST_ROLES);
  const viewers = requireRole(...VIEW_ROLES);
  // Public: no login, no session needed.
  r.get('/verify', ...verify.before, v.form);
  r.get('/verify/:code', ...verify.before, v.show);
  r.get('/verify/:code/credential', ...verify.before, vc.publicDownload);
  r.get('/credentials/status/:list', vc.statusList);
  r.get('/.well-known/jwks.json', vc.jwks);
  r.get('/.well-known/did.json', vc.didDocument);

  // The worker's own pages a phone keeps for offline use (platform/http/offline-copy.ts).
  const kept = offlineCopy(clock);
  r.get('/my/certificates', requireRole('worker'), kept, c.my);
  r.get('/my/certificates/:id/card', requireRole('worker'), kept, c.card);

  r.get('/certificates', listers, c.list);
  r.get('/certificates/schemes', managers, s.list);
  r.get('/certificates/schemes/new', managers, s.showNew);
  r.post('/certificates/schemes', managers, s.create);
  r.get('/certificates/schemes/:id/edit', managers, s.showEdit);
  r.post('/certificates/schemes/:id', managers, s.update);

  r.get('/certificates/assessments', managers, a.list);
  r.get('/certificates/assessments/new', managers, a.showNew);
  r.post('/certificates/assessments', managers, a.create);
  r.get('/certificates/assessments/:id', managers, a.show);
  r.post('/certificates/assessments/:id/issue', managers, a.issueCertificate);

  r.get('/certificates/history', managers, h.showForm);
  r.post('/certificates/history', managers, ...receiveScan(), h.upload);

  r.get('/certificates/:id.pdf', viewers, c.pdf);
  r.get('/certificates/:id/scan', viewers, c.scan);
  r.get('/certificates/:id/credential', viewers, vc.download);
  r.get('/certificates/:id', viewers, c.show);
  r.post('/certificates/:id/renew', managers, c.renew);
  r.post('/certificates/:id/revoke', managers, c.revoke);

  r.get('/workers/:id/certificates', listers, c.forWorker);
  return r;
}
