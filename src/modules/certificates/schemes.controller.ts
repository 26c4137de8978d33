import type { Request, RequestHandler } from 'express';
import { TRADES } from '../catalogue';
import { PROCESSES } from '../continuity';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import { schemeForm } from './certificates.schemas';
import { actorOf, formValues } from './http-helpers';
import { allUnitChoices } from './options';
import { ISSUER_KINDS } from './scheme.model';
import type { SchemeRow, SchemesService } from './schemes.service';
import { VALIDITY_KINDS } from './validity';

function valuesFrom(s: SchemeRow) {
  return {
    name: s.name,
    nameEn: s.nameEn,
    kkniLevel: String(s.kkniLevel),
    issuerKind: s.issuingBody.kind,
    issuerName: s.issuingBody.name,
    trade: s.trade,
    units: s.units.map((u) => u.id),
    validityKind: s.validity.kind,
    years: String(s.validity.years ?? 3),
    process: s.validity.process ?? '',
    description: s.description,
    active: s.active ? 'true' : '',
  };
}

/** Scheme list and form (coordinators and admins). */
export function schemesController(service: SchemesService) {
  const locals = async (req: Request, scheme: SchemeRow | null) => ({
    scheme,
    units: await allUnitChoices(req.lng),
    trades: TRADES,
    processes: PROCESSES,
    issuerKinds: ISSUER_KINDS,
    validityKinds: VALIDITY_KINDS,
  });

  const list: RequestHandler = async (req, res) => {
    res.render('certificates/schemes', { schemes: await service.listSchemes(actorOf(req), req.lng) });
  };

  const showNew: RequestHandler = async (req, res) => {
    res.render('certificates/scheme-form', { ...(await locals(req, null)), values: { units: [], validityKind: 'fixed_term', years: '3', active: 'true', issuerKind: 'lsp' } });
  };

  const create: RequestHandler = async (req, res) => {
    await handleForm(res, 'certificates/scheme-form', await locals(req, null), formValues(req.body), async () => {
      await service.createScheme(actorOf(req), parseForm(schemeForm, req.body));
      flash(req, 'success', 'certificates:schemes.created');
      res.redirect(303, '/certificates/schemes');
    });
  };

  const showEdit: RequestHandler = async (req, res) => {
    const scheme = await service.getScheme(actorOf(req), String(req.params.id), req.lng);
    res.render('certificates/scheme-form', { ...(await locals(req, scheme)), values: valuesFrom(scheme) });
  };

  const update: RequestHandler = async (req, res) => {
    const scheme = await service.getScheme(actorOf(req), String(req.params.id), req.lng);
    await handleForm(res, 'certificates/scheme-form', await locals(req, scheme), formValues(req.body), async () => {
      await service.updateScheme(actorOf(req), scheme.id, parseForm(schemeForm, req.body), req.lng);
      flash(req, 'success', 'certificates:schemes.updated');
      res.redirect(303, '/certificates/schemes');
    });
  };

  return { list, showNew, create, showEdit, update };
}
