import { Router, type Request } from 'express';
import { requireRole } from '../../platform/http/guard';
import type { SessionUser } from '../accounts';
import { localiseParams } from '../notifications';
import type { HomeService } from './home.service';

/** The order decides where an account with several roles lands first. */
export const HOME_ORDER = ['admin', 'coordinator', 'instructor', 'manager', 'worker'] as const;

export function homePath(roles: readonly string[]): string {
  const role = HOME_ORDER.find((r) => roles.includes(r));
  return role ? `/home/${role}` : '/account/password';
}

const actorOf = (req: Request) => req.user as SessionUser;

export function homeRoutes(home: HomeService): Router {
  const r = Router();
  r.get('/', (req, res) => res.redirect(303, req.user ? homePath(req.user.roles) : '/login'));
  r.get('/home/admin', requireRole('admin'), async (_req, res) => {
    res.render('home/admin', { summary: await home.adminSummary() });
  });
  r.get('/home/coordinator', requireRole('coordinator'), async (req, res) => {
    res.render('home/coordinator', { home: await home.coordinatorHome(actorOf(req), req.lng) });
  });
  r.get('/home/instructor', requireRole('instructor'), async (req, res) => {
    res.render('home/instructor', { home: await home.instructorHome(actorOf(req), req.lng) });
  });
  r.get('/home/manager', requireRole('manager'), async (req, res) => {
    res.render('home/manager', { home: await home.managerHome(actorOf(req)) });
  });
  r.get('/home/worker', requireRole('worker'), async (req, res) => {
    // The unread count is already in res.locals.unread (the header's badge): not read twice.
    const page = await home.workerHome(actorOf(req), req.lng);
    const fmt = res.locals.fmt as Parameters<typeof localiseParams>[2];
    res.render('home/worker', { home: { ...page, notices: page.notices.map((n) => ({ ...n, params: localiseParams(n.params, req.lng, fmt) })) } });
  });
  return r;
}
