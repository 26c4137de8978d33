import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../platform/actor';
import { ValidationError } from '../../platform/errors';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import { unitForm, unitSearch, type UnitInput } from './catalogue.schemas';
import {
  elementRowsFromBody,
  hasElementFields,
  numberElements,
  padElementRows,
  parseElementRows,
  toElementRows,
  type UnitElement,
} from './competency-unit-elements';
import type { CompetencyUnitsService, UnitDetail } from './competency-units.service';
import { TRADES } from './trades';

const actorOf = (req: Request) => req.user as Actor;

/**
 * The unit form with its element rows: every problem at once (fields and element rows), so the
 * form is re-rendered once. Elements are undefined when the body carries no element fields.
 */
function parseUnitBody(body: Record<string, unknown> | undefined): { input: UnitInput; elements?: UnitElement[] } {
  let input: UnitInput | undefined;
  let errors: Record<string, string> = {};
  try {
    input = parseForm(unitForm, body);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    errors = { ...err.fields };
  }
  const parsed = hasElementFields(body) ? parseElementRows(elementRowsFromBody(body)) : undefined;
  if (parsed) errors = { ...errors, ...parsed.errors };
  if (!input || Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { input, elements: parsed?.elements };
}

/** Pages for competency units: list (by trade), new, edit (with elements and KUK). */
export function competencyUnitsController(units: CompetencyUnitsService) {
  const VIEW = 'catalogue/unit-form';
  const locals = (unit: UnitDetail | null, lng: string) => ({
    unit,
    trades: TRADES,
    numbered: unit ? numberElements(unit.elements, lng === 'en' ? 'en' : 'id') : [],
  });

  const list: RequestHandler = async (req, res) => {
    const query = unitSearch.parse(req.query);
    const page = await units.listUnits(actorOf(req), query, req.lng);
    res.render('catalogue/units', { page, query, trades: TRADES });
  };

  const showNew: RequestHandler = async (req, res) => {
    res.render(VIEW, { ...locals(null, req.lng), values: { synthetic: false, elements: padElementRows([], 3) } });
  };

  const create: RequestHandler = async (req, res) => {
    await handleForm(res, VIEW, locals(null, req.lng), valuesOf(req.body), async () => {
      const { input, elements } = parseUnitBody(req.body);
      const id = await units.createUnit(actorOf(req), input, elements);
      flash(req, 'success', 'catalogue:units.created');
      res.redirect(303, `/competency-units/${id}`);
    });
  };

  const show: RequestHandler = async (req, res) => {
    const unit = await units.getUnit(actorOf(req), String(req.params.id), req.lng);
    res.render(VIEW, {
      ...locals(unit, req.lng),
      values: {
        code: unit.code, title_id: unit.titleId, title_en: unit.titleEn, trade: unit.trade, synthetic: unit.synthetic,
        elements: padElementRows(toElementRows(unit.elements)),
      },
    });
  };

  const update: RequestHandler = async (req, res) => {
    const unit = await units.getUnit(actorOf(req), String(req.params.id), req.lng);
    await handleForm(res, VIEW, locals(unit, req.lng), valuesOf(req.body), async () => {
      const { input, elements } = parseUnitBody(req.body);
      await units.updateUnit(actorOf(req), unit.id, input, elements);
      flash(req, 'success', 'catalogue:units.updated');
      res.redirect(303, `/competency-units/${unit.id}`);
    });
  };

  return { list, showNew, create, show, update };
}

function valuesOf(body: Record<string, unknown> | undefined) {
  const b = body ?? {};
  return {
    code: b.code, title_id: b.title_id, title_en: b.title_en, trade: b.trade, synthetic: b.synthetic === 'on' || b.synthetic === 'true',
    elements: padElementRows(elementRowsFromBody(b), 1),
  };
}
