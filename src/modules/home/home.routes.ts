import { Router, type Request } from 'express';
import { requireRole } from '../../platform/http/guard';
import type { SessionUser } from '../accounts';
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
  r.get('/home/coordinator', requireRole('coordinator'), async (_req, res) => {
    res.render('home/coordinator', { summary: await home.coordinatorSummary() });
  });
  r.get('/home/instructor', requireRole('instructor'), async (req, res) => {
    res.render('home/instructor', { profile: await home.profile(actorOf(req)) });
  });
  r.get('/home/manager', requireRole('manager'), async (req, res) => {
    res.render('home/manager', { summary: await home.managerSummary(actorOf(req)) });
  });
  r.get('/home/worker', requireRole('worker'), async (req, res) => {
    res.render('home/worker', { profile: await home.profile(actorOf(req)) });
  });
  return r;
}
