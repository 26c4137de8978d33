import type { Request, RequestHandler } from 'express';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import type { Actor } from '../../platform/actor';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { LEGAL_FORMS } from './workshop.model';
import { canManageWorkshops } from './workshops.policy';
import { archiveForm, workshopForm, workshopSearch } from './workshops.schemas';
import type { WorkshopRow, WorkshopsService } from './workshops.service';

const actorOf = (req: Request) => req.user as Actor;

/** 0283-351234 / 0812-3456-7890: how people in Tegal write numbers. */
export function formatWorkshopPhone(e164: string): string {
  if (!e164) return '';
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}

function valuesOf(body: Record<string, unknown> | undefined) {
  const b = body ?? {};
  const pick = (k: string) => (typeof b[k] === 'string' ? b[k] : '');
  return { name: pick('name'), legalForm: pick('legalForm'), owner: pick('owner'), products: pick('products'), unit: pick('unit'), phone: pick('phone'), contact: pick('contact'), email: pick('email'), signatoryName: pick('signatoryName'), signatoryTitle: pick('signatoryTitle') };
}

const valuesFromRow = (w: WorkshopRow) => ({ ...w, phone: formatWorkshopPhone(w.phone) });

/** Workshop pages: list and search for everyone allowed, forms for coordinators and admins. */
export function workshopsController(service: WorkshopsService) {
  const list: RequestHandler = async (req, res) => {
    const query = workshopSearch.parse(req.query);
    const page = await service.listWorkshops(actorOf(req), query);
    res.render('workshops/list', { page, query, canManage: canManageWorkshops(actorOf(req)), formatPhone: formatWorkshopPhone });
  };

  const showNew: RequestHandler = (_req, res) => {
    res.render('workshops/form', { workshop: null, legalForms: LEGAL_FORMS, values: { legalForm: 'CV' } });
  };

  const create: RequestHandler = async (req, res) => {
    await handleForm(res, 'workshops/form', { workshop: null, legalForms: LEGAL_FORMS }, valuesOf(req.body), async () => {
      const id = await service.createWorkshop(actorOf(req), parseForm(workshopForm, req.body));
      flash(req, 'success', 'workshops:created');
      res.redirect(303, `/workshops/${id}`);
    });
  };

  const show: RequestHandler = async (req, res) => {
    const workshop = await service.getWorkshop(actorOf(req), String(req.params.id));
    if (!canManageWorkshops(actorOf(req))) {
      res.render('workshops/show', { workshop, phone: formatWorkshopPhone(workshop.phone) });
      return;
    }
    res.render('workshops/form', { workshop, legalForms: LEGAL_FORMS, values: valuesFromRow(workshop) });
  };

  const update: RequestHandler = async (req, res) => {
    const workshop = await service.getWorkshop(actorOf(req), String(req.params.id));
    await handleForm(res, 'workshops/form', { workshop, legalForms: LEGAL_FORMS }, valuesOf(req.body), async () => {
      await service.updateWorkshop(actorOf(req), workshop.id, parseForm(workshopForm, req.body));
      flash(req, 'success', 'workshops:updated');
      res.redirect(303, `/workshops/${workshop.id}`);
    });
  };

  const setArchived: RequestHandler = async (req, res) => {
    const workshop = await service.getWorkshop(actorOf(req), String(req.params.id));
    const { archived } = parseForm(archiveForm, req.body);
    await service.setArchived(actorOf(req), workshop.id, archived);
    flash(req, 'success', archived ? 'workshops:archived_done' : 'workshops:unarchived_done');
    res.redirect(303, `/workshops/${workshop.id}`);
  };

  return { list, showNew, create, show, update, setArchived };
}
