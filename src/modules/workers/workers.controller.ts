import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../platform/actor';
import { ValidationError } from '../../platform/errors';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import { wibParts } from '../../platform/time';
import { formatPhone } from '../accounts';
import { TRADES } from '../catalogue/trades';
import { listWorkshopOptions } from '../workshops';
import { listPositions } from './workers.lookup';
import { canManageWorkers, canSeeNik } from './workers.policy';
import { ACCOUNT_PASSWORD_MIN, accountForm, activeForm, workerForm, workerSearch, type WorkerSearch } from './workers.schemas';
import type { WorkersService } from './workers.service';
import type { WorkerLoginsService } from './worker-logins.service';
import type { WorkerDetail } from './workers.view';

const actorOf = (req: Request) => req.user as Actor;
const isoDate = (d?: Date) => (d ? wibParts(d).date : '');

function valuesOf(body: Record<string, unknown> | undefined) {
  const b = body ?? {};
  const pick = (k: string) => (typeof b[k] === 'string' ? b[k] : '');
  const trades = Array.isArray(b.trades) ? b.trades : typeof b.trades === 'string' ? [b.trades] : [];
  return { name: pick('name'), phone: pick('phone'), email: pick('email'), workshop: pick('workshop'), trades, position: pick('position'), joinedAt: pick('joinedAt'), nik: pick('nik') };
}

function valuesFrom(w: WorkerDetail) {
  return { ...w, phone: formatPhone(w.phone), workshop: w.workshopId, joinedAt: isoDate(w.joinedAt) };
}

/** The list's URL with its filters, for the pager (which appends `page=`). */
function pagerBase(query: WorkerSearch): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'workshop', 'trade', 'position', 'status'] as const) {
    const v = query[key];
    if (v) params.set(key, v);
  }
  const s = params.toString();
  return `/workers?${s ? s + '&' : ''}`;
}

/** Worker pages: list for coordinators, admins and managers (their workshop); forms for coordinators and admins. */
export function workersController(service: WorkersService, logins: WorkerLoginsService) {
  const formLocals = async (worker: WorkerDetail | null) => ({
    worker,
    trades: TRADES,
    workshops: await listWorkshopOptions(),
    positions: await listPositions(),
  });

  const renderShow = async (req: Request, res: Response, worker: WorkerDetail, status = 200, errors: Record<string, string> = {}) => {
    const canManage = canManageWorkers(actorOf(req));
    res.status(status).render('workers/show', {
      worker,
      canManage,
      linkable: canManage && !worker.account ? await logins.findLinkableAccount(worker) : null,
      formatPhone,
      isoDate,
      passwordMin: ACCOUNT_PASSWORD_MIN,
      errors,
    });
  };

  const list: RequestHandler = async (req, res) => {
    const query = workerSearch.parse(req.query);
    const actor = actorOf(req);
    const page = await service.listWorkers(actor, query);
    const manage = canManageWorkers(actor);
    res.render('workers/list', {
      page,
      query,
      canManage: manage,
      canSeeNik: canSeeNik(actor),
      trades: TRADES,
      workshops: manage ? await listWorkshopOptions() : [],
      positions: await listPositions(),
      formatPhone,
      pagerBase: pagerBase(query),
    });
  };

  const showNew: RequestHandler = async (req, res) => {
    const workshop = typeof req.query.workshop === 'string' ? req.query.workshop : '';
    res.render('workers/form', { ...(await formLocals(null)), values: { trades: [], workshop } });
  };

  const create: RequestHandler = async (req, res) => {
    await handleForm(res, 'workers/form', await formLocals(null), valuesOf(req.body), async () => {
      const id = await service.createWorker(actorOf(req), parseForm(workerForm, req.body));
      flash(req, 'success', 'workers:created');
      res.redirect(303, `/workers/${id}`);
    });
  };

  const show: RequestHandler = async (req, res) => {
    await renderShow(req, res, await service.getWorker(actorOf(req), String(req.params.id)));
  };

  const showEdit: RequestHandler = async (req, res) => {
    const worker = await service.getWorker(actorOf(req), String(req.params.id));
    res.render('workers/form', { ...(await formLocals(worker)), values: valuesFrom(worker) });
  };

  const update: RequestHandler = async (req, res) => {
    const worker = await service.getWorker(actorOf(req), String(req.params.id));
    await handleForm(res, 'workers/form', await formLocals(worker), valuesOf(req.body), async () => {
      await service.updateWorker(actorOf(req), worker.id, parseForm(workerForm, req.body));
      flash(req, 'success', 'workers:updated');
      res.redirect(303, `/workers/${worker.id}`);
    });
  };

  const setActive: RequestHandler = async (req, res) => {
    const worker = await service.getWorker(actorOf(req), String(req.params.id));
    const { active } = parseForm(activeForm, req.body);
    const { loginKeptOff } = await service.setActive(actorOf(req), worker.id, active);
    flash(req, 'success', active ? 'workers:activated' : 'workers:deactivated');
    if (loginKeptOff) flash(req, 'info', 'workers:login_kept_off');
    res.redirect(303, `/workers/${worker.id}`);
  };

  const createAccount: RequestHandler = async (req, res) => {
    const worker = await service.getWorker(actorOf(req), String(req.params.id));
    try {
      const form = parseForm(accountForm, req.body);
      await service.createAccount(actorOf(req), worker.id, form);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderShow(req, res, worker, 422, err.fields);
      return;
    }
    flash(req, 'success', 'workers:account.created');
    res.redirect(303, `/workers/${worker.id}`);
  };

  const linkAccount: RequestHandler = async (req, res) => {
    const worker = await service.getWorker(actorOf(req), String(req.params.id));
    try {
      await logins.linkExistingAccount(actorOf(req), worker.id);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderShow(req, res, worker, 422, err.fields);
      return;
    }
    flash(req, 'success', 'workers:account.linked');
    res.redirect(303, `/workers/${worker.id}`);
  };

  /** The code is shown on this one response only (never stored in clear, never in the session). */
  const issueLoginCode: RequestHandler = async (req, res) => {
    const worker = await service.getWorker(actorOf(req), String(req.params.id));
    try {
      const issued = await logins.issueLoginCode(actorOf(req), worker.id);
      res.render('accounts/login-code', { issued, back: `/workers/${worker.id}`, formatPhone });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderShow(req, res, worker, 422, err.fields);
    }
  };

  return { list, showNew, create, show, showEdit, update, setActive, createAccount, linkAccount, issueLoginCode };
}
