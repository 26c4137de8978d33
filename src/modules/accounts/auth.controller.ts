import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Passport } from 'passport';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { safeLocalPath } from '../../platform/http/guard';
import { parseForm } from '../../platform/http/validate';
import { ValidationError } from '../../platform/errors';
import type { AccountsService, SessionUser } from './accounts.service';
import { changePasswordForm, forgotForm, loginForm, resetForm, PASSWORD_MIN } from './accounts.schemas';
import type { PasswordResetService } from './password-reset.service';
import { InvalidResetLinkError } from './password-reset.service';

type PassportInstance = InstanceType<typeof Passport>;
const actorOf = (req: Request) => req.user as SessionUser;

export function authController(deps: { passport: PassportInstance; accounts: AccountsService; resets: PasswordResetService }) {
  const { passport, accounts, resets } = deps;

  const showLogin: RequestHandler = (req, res) => {
    res.render('accounts/login', { next: safeLocalPath(req.query.next) });
  };

  const login: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
    const values = { identifier: req.body?.identifier, next: safeLocalPath(req.body?.next) };
    await handleForm(res, 'accounts/login', { next: values.next }, values, async () => {
      parseForm(loginForm, req.body);
      const user = await new Promise<SessionUser | false>((resolve, reject) => {
        passport.authenticate('local', (err: unknown, u: SessionUser | false) => (err ? reject(err) : resolve(u)))(req, res, next);
      });
      if (!user) {
        // One message for an unknown account, a wrong password and a deactivated account.
        res.status(401).render('accounts/login', { next: values.next, values: { identifier: values.identifier }, errors: { _form: 'accounts:login.failed' } });
        return;
      }
      await new Promise<void>((resolve, reject) => req.logIn(user, (err) => (err ? reject(err) : resolve())));
      res.redirect(303, values.next);
    });
  };

  const logout: RequestHandler = (req, res, next) => {
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy(() => {
        res.clearCookie('takaru.sid');
        // A shared phone keeps nothing of this account: the worker's offline copies (Cache Storage,
        // the service worker) and the HTTP cache go with the session. The service worker also empties
        // its copies when it sees this POST (public/js/service-worker.js).
        res.setHeader('Clear-Site-Data', '"cache", "storage"');
        res.redirect(303, '/login');
      });
    });
  };

  const showForgot: RequestHandler = (_req, res) => res.render('accounts/forgot-password');

  const forgot: RequestHandler = async (req, res) => {
    const values = { identifier: req.body?.identifier };
    await handleForm(res, 'accounts/forgot-password', {}, values, async () => {
      const form = parseForm(forgotForm, req.body);
      await resets.requestReset(form.identifier);
      flash(req, 'info', 'accounts:forgot.sent');
      res.redirect(303, '/forgot-password');
    });
  };

  const showReset: RequestHandler = async (req, res) => {
    const token = String(req.params.token);
    if (!(await resets.isUsable(token))) throw new InvalidResetLinkError();
    res.render('accounts/reset-password', { token, passwordMin: PASSWORD_MIN });
  };

  const reset: RequestHandler = async (req, res) => {
    const token = String(req.params.token);
    await handleForm(res, 'accounts/reset-password', { token, passwordMin: PASSWORD_MIN }, {}, async () => {
      const form = parseForm(resetForm, req.body);
      await resets.resetPassword(token, form.password);
      flash(req, 'success', 'accounts:reset.done');
      res.redirect(303, '/login');
    });
  };

  // After a one-time login code: a new password without the current one (the code stood for it).
  const required = (req: Request) => actorOf(req).mustChangePassword === true;

  const showChangePassword: RequestHandler = (req, res) =>
    res.render('accounts/change-password', { passwordMin: PASSWORD_MIN, required: required(req) });

  const changePassword: RequestHandler = async (req, res) => {
    await handleForm(res, 'accounts/change-password', { passwordMin: PASSWORD_MIN, required: required(req) }, {}, async () => {
      if (required(req)) {
        const form = parseForm(resetForm, req.body);
        await accounts.setRequiredPassword(actorOf(req), form.password, req.sessionID);
        flash(req, 'success', 'accounts:password.changed');
        res.redirect(303, '/');
        return;
      }
      const form = parseForm(changePasswordForm, req.body);
      if (form.current === form.password) throw new ValidationError({ password: 'validation.password_same' });
      await accounts.changePassword(actorOf(req), form.current, form.password, req.sessionID);
      flash(req, 'success', 'accounts:password.changed');
      res.redirect(303, '/account/password');
    });
  };

  return { showLogin, login, logout, showForgot, forgot, showReset, reset, showChangePassword, changePassword };
}
