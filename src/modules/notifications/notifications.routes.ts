import { Router, type Request } from 'express';
import { z } from 'zod';
import { flash } from '../../platform/http/flash';
import { requireLogin } from '../../platform/http/guard';
import type { Actor } from '../../platform/actor';
import type { NotificationsModule } from './index';

const actorOf = (req: Request) => req.user as Actor;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(1000).catch(1).default(1) });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Notices keep their values language-neutral: instants as ISO strings (shown in WIB in the reader's
 * language) and texts in both languages as `<name>_id` / `<name>_en`.
 */
export function localiseParams(params: Record<string, string>, lng: string, dateTime: (d: Date) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const m = /^(.*)_(id|en)$/.exec(key);
    if (m) {
      if (m[2] === lng || out[m[1]!] === undefined) out[m[1]!] = value;
      continue;
    }
    out[key] = typeof value === 'string' && ISO_DATE.test(value) ? dateTime(new Date(value)) : String(value);
  }
  return out;
}

/** The inbox: every signed-in person has one. */
export function notificationsRoutes(mod: NotificationsModule): Router {
  const r = Router();
  r.get('/inbox', requireLogin, async (req, res) => {
    const { page } = pageQuery.parse(req.query);
    const inbox = await mod.service.listInbox(actorOf(req), page);
    const fmt = res.locals.fmt as { dateTime: (d: Date) => string };
    const items = inbox.items.map((n) => ({ ...n, params: localiseParams(n.params, req.lng, fmt.dateTime) }));
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
  return r;
}
