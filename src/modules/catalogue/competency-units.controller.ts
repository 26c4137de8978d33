import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../platform/actor';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import { unitForm, unitSearch } from './catalogue.schemas';
import type { CompetencyUnitsService } from './competency-units.service';
import { TRADES } from './trades';

const actorOf = (req: Request) => req.user as Actor;

/** Pages for competency units: list (by trade), new, edit. */
export function competencyUnitsController(units: CompetencyUnitsService) {
  const VIEW = 'catalogue/unit-form';

  const list: RequestHandler = async (req, res) => {
    const query = unitSearch.parse(req.query);
    const page = await units.listUnits(actorOf(req), query, req.lng);
    res.render('catalogue/units', { page, query, trades: TRADES });
  };

  const showNew: RequestHandler = async (_req, res) => {
    res.render(VIEW, { unit: null, trades: TRADES, values: { synthetic: false } });
  };

  const create: RequestHandler = async (req, res) => {
    await handleForm(res, VIEW, { unit: null, trades: TRADES }, valuesOf(req.body), async () => {
      const id = await units.createUnit(actorOf(req), parseForm(unitForm, req.body));
      flash(req, 'success', 'catalogue:units.created');
      res.redirect(303, `/competency-units/${id}`);
    });
  };

  const show: RequestHandler = async (req, res) => {
    const unit = await units.getUnit(actorOf(req), String(req.params.id), req.lng);
    res.render(VIEW, { unit, trades: TRADES, values: { code: unit.code, title_id: unit.titleId, title_en: unit.titleEn, trade: unit.trade, synthetic: unit.synthetic } });
  };

  const update: RequestHandler = async (req, res) => {
    const unit = await units.getUnit(actorOf(req), String(req.params.id), req.lng);
    await handleForm(res, VIEW, { unit, trades: TRADES }, valuesOf(req.body), async () => {
      await units.updateUnit(actorOf(req), unit.id, parseForm(unitForm, req.body));
      flash(req, 'success', 'catalogue:units.updated');
      res.redirect(303, `/competency-units/${unit.id}`);
    });
  };

  return { list, showNew, create, show, update };
}

function valuesOf(body: Record<string, unknown> | undefined) {
  const b = body ?? {};
  return { code: b.code, title_id: b.title_id, title_en: b.title_en, trade: b.trade, synthetic: b.synthetic === 'on' || b.synthetic === 'true' };
}
