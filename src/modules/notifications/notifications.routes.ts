import { Router, type Request } from 'express';
import { z } from 'zod';
import { flash } from '../../platform/http/flash';
import { requireLogin, requireRole } from '../../platform/http/guard';
import type { Actor } from '../../platform/actor';
import { deliveryAdminController } from './admin.controller';
import { localiseParams, type ParamFormats } from './params';
import type { NotificationsModule } from './index';

export { localiseParams } from './params';

const actorOf = (req: Request) => req.user as Actor;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(1000).catch(1).default(1) });

/** The inbox (every signed-in person has one), and the delivery pages for admins and coordinators. */
export function notificationsRoutes(mod: NotificationsModule): Router {
  const r = Router();
  r.get('/inbox', requireLogin, async (req, res) => {
    const { page } = pageQuery.parse(req.query);
    const inbox = await mod.service.listInbox(actorOf(req), page);
    const fmt = res.locals.fmt as ParamFormats;
    const items = inbox.items.map((n) => ({ ...n, params: localiseParams(n.params, req.lng, fmt) }));
    res.render('notifications/inbox', { inbox: { ...inbox, items } });
  });
  r.post('/inbox/read-all', requireLogin, async (req, res) => {
    await mod.service.markAllRead(actorOf(req));
    flash(req, 'success', 'notifications:all_read');
    res.redirect(303, '/inbox');
  });
  r.post('/inbox/:id/read', requireLogin, async (req, res) => {
    await mod.service.markRead(actorOf(req), String(req.params.id));
    res.redirect(303, '/inbox');
  });

  const c = deliveryAdminController({ admin: mod.admin, unreachable: mod.unreachable });
  const admin = requireRole('admin');
  r.get('/admin/notifications', admin, c.log);
  r.post('/admin/notifications/test-email', admin, c.testEmail);
  r.post('/admin/notifications/:id/resend', admin, c.resend);
  r.get('/admin/jobs', admin, c.jobs);
  r.post('/admin/jobs/:id/retry', admin, c.retryJob);
  r.get('/notifications/unreachable', requireRole('coordinator', 'admin'), c.unreachable);
  return r;
}
