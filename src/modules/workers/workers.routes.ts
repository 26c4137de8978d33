import { Router } from 'express';
import { requireRole } from '../../platform/http/guard';
import { importController, receiveUpload } from './import/import.controller';
import { workersController } from './workers.controller';
import type { WorkersModule } from './index';

/** Routes of the workers module (full paths; mounted at "/"). Fixed paths come before `:id`. */
export function workersRoutes(mod: WorkersModule): Router {
  const r = Router();
  const c = workersController(mod.workers, mod.logins);
  const i = importController(mod.imports);
  const readers = requireRole('admin', 'coordinator', 'manager');
  const editors = requireRole('admin', 'coordinator');

  r.get('/workers', readers, c.list);
  r.get('/workers/new', editors, c.showNew);
  r.post('/workers', editors, c.create);

  r.get('/workers/import', editors, i.showUpload);
  r.get('/workers/import/template.csv', editors, i.templateCsv);
  r.get('/workers/import/template.xlsx', editors, i.templateXlsx);
  r.post('/workers/import', editors, ...receiveUpload(), i.upload);
  r.get('/workers/import/:id', editors, i.preview);
  r.post('/workers/import/:id/confirm', editors, i.confirm);

  r.get('/workers/:id', readers, c.show);
  r.get('/workers/:id/edit', editors, c.showEdit);
  r.post('/workers/:id', editors, c.update);
  r.post('/workers/:id/active', editors, c.setActive);
  r.post('/workers/:id/account', editors, c.createAccount);
  r.post('/workers/:id/account/link', editors, c.linkAccount);
  r.post('/workers/:id/login-code', editors, c.issueLoginCode);
  return r;
}
