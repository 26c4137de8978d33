import type { Request, RequestHandler } from 'express';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import { NotFoundError, ValidationError } from '../../platform/errors';
import type { Outbox } from '../../platform/mail/outbox';
import { listWorkshopOptions } from '../workshops';
import type { AccountsService, SessionUser } from './accounts.service';
import type { LoginCodesService } from './login-codes.service';
import { assertCanReadOutbox } from './accounts.policy';
import { accountSearch, createAccountForm, PASSWORD_MIN, updateAccountForm } from './accounts.schemas';
import { formatPhone } from './identifiers';
import { ROLES } from './user.model';

const actorOf = (req: Request) => req.user as SessionUser;

/** Admin pages: accounts and the development outbox. */
export function usersController(deps: { accounts: AccountsService; outbox: Outbox; codes: LoginCodesService }) {
  const { accounts, outbox, codes } = deps;
  const formLocals = async () => ({ roles: ROLES, workshops: await listWorkshopOptions(), passwordMin: PASSWORD_MIN });

  const list: RequestHandler = async (req, res) => {
    const query = accountSearch.parse(req.query);
    const page = await accounts.listAccounts(actorOf(req), query);
    res.render('accounts/users', { page, q: query.q ?? '', formatPhone });
  };

  const showNew: RequestHandler = async (_req, res) => {
    res.render('accounts/user-form', { ...(await formLocals()), account: null, values: { roles: [], language: 'id' } });
  };

  const create: RequestHandler = async (req, res) => {
    await handleForm(res, 'accounts/user-form', { ...(await formLocals()), account: null }, valuesOf(req.body), async () => {
      const id = await accounts.createAccount(actorOf(req), parseForm(createAccountForm, req.body));
      flash(req, 'success', 'accounts:users.created');
      res.redirect(303, `/admin/users/${id}`);
    });
  };

  const show: RequestHandler = async (req, res) => {
    const account = await accounts.getAccount(actorOf(req), String(req.params.id));
    res.render('accounts/user-form', {
      ...(await formLocals()),
      account,
      values: { ...account, phone: formatPhone(account.phone), workshop: account.workshopId },
    });
  };

  const update: RequestHandler = async (req, res) => {
    const account = await accounts.getAccount(actorOf(req), String(req.params.id));
    await handleForm(res, 'accounts/user-form', { ...(await formLocals()), account }, valuesOf(req.body), async () => {
      await accounts.updateAccount(actorOf(req), account.id, parseForm(updateAccountForm, req.body));
      flash(req, 'success', 'accounts:users.updated');
      res.redirect(303, `/admin/users/${account.id}`);
    });
  };

  const setActive: RequestHandler = async (req, res) => {
    const id = String(req.params.id);
    const active = req.body?.active === 'true';
    try {
      await accounts.setActive(actorOf(req), id, active);
      flash(req, 'success', active ? 'accounts:users.activated' : 'accounts:users.deactivated');
    } catch (err) {
      if ((err as { kind?: string }).kind !== 'validation') throw err;
      flash(req, 'error', 'validation.keep_own_account');
    }
    res.redirect(303, `/admin/users/${id}`);
  };

  /** The code is shown on this one response only (never stored in clear, never in the session). */
  const issueLoginCode: RequestHandler = async (req, res) => {
    const id = String(req.params.id);
    try {
      const issued = await codes.issue(actorOf(req), id);
      res.render('accounts/login-code', { issued, back: `/admin/users/${id}`, formatPhone });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      flash(req, 'error', err.fields._form ?? 'validation.summary');
      res.redirect(303, `/admin/users/${id}`);
    }
  };

  const outboxList: RequestHandler = async (req, res) => {
    assertCanReadOutbox(actorOf(req));
    res.render('accounts/outbox', { messages: await outbox.list() });
  };

  const outboxShow: RequestHandler = async (req, res) => {
    assertCanReadOutbox(actorOf(req));
    const message = await outbox.find(String(req.params.id));
    if (!message) throw new NotFoundError();
    res.render('accounts/outbox-message', { message });
  };

  return { list, showNew, create, show, update, setActive, issueLoginCode, outboxList, outboxShow };
}

function valuesOf(body: Record<string, unknown> | undefined) {
  const b = body ?? {};
  const roles = b.roles === undefined ? [] : Array.isArray(b.roles) ? b.roles : [b.roles];
  return { name: b.name, email: b.email, phone: b.phone, roles, workshop: b.workshop, language: b.language };
}
