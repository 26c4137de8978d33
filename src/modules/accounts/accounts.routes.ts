import { Router, type RequestHandler } from 'express';
import { anonymousOnly, requireLogin, requireRole } from '../../platform/http/guard';
import type { authController } from './auth.controller';
import type { preferencesController } from './preferences.controller';
import type { usersController } from './users.controller';

export interface AccountsRouteDeps {
  auth: ReturnType<typeof authController>;
  users: ReturnType<typeof usersController>;
  preferences: ReturnType<typeof preferencesController>;
  loginLimiters: RequestHandler[];
  resetLimiter: RequestHandler;
}

export function accountsRoutes({ auth, users, preferences, loginLimiters, resetLimiter }: AccountsRouteDeps): Router {
  const r = Router();
  r.get('/login', anonymousOnly, auth.showLogin);
  r.post('/login', anonymousOnly, ...loginLimiters, auth.login);
  r.post('/logout', requireLogin, auth.logout);
  r.get('/forgot-password', anonymousOnly, auth.showForgot);
  r.post('/forgot-password', anonymousOnly, resetLimiter, auth.forgot);
  r.get('/reset-password/:token', anonymousOnly, auth.showReset);
  r.post('/reset-password/:token', anonymousOnly, resetLimiter, auth.reset);
  r.get('/account/password', requireLogin, auth.showChangePassword);
  r.post('/account/password', requireLogin, auth.changePassword);
  r.get('/account/preferences', requireLogin, preferences.show);
  r.post('/account/preferences', requireLogin, preferences.save);

  const admin = requireRole('admin');
  r.get('/admin/users', admin, users.list);
  r.get('/admin/users/new', admin, users.showNew);
  r.post('/admin/users', admin, users.create);
  r.get('/admin/users/:id', admin, users.show);
  r.post('/admin/users/:id', admin, users.update);
  r.post('/admin/users/:id/active', admin, users.setActive);
  r.post('/admin/users/:id/login-code', admin, users.issueLoginCode);
  r.get('/admin/outbox', admin, users.outboxList);
  r.get('/admin/outbox/:id', admin, users.outboxShow);
  return r;
}
