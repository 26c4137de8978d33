import type { Actor } from '../../platform/actor';
import { NotFoundError } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { assertCanManageCatalogue } from './catalogue.policy';
import type { UnitInput } from './catalogue.schemas';
import { CompetencyUnit } from './competency-unit.model';
import { elementsOf, type UnitElement } from './competency-unit-elements';
import { localized } from './localized';
import { assertObjectId, duplicateAs, escapeRegex, pageOf, PAGE_SIZE, type Page } from './shared';
import type { Trade } from './trades';

export interface UnitRow {
  id: string;
  code: string;
  /** In the page language (English falls back to the Indonesian SKKNI title). */
  title: string;
  titleId: string;
  titleEn: string;
  trade: Trade;
  synthetic: boolean;
}

/** One unit with its elements and performance criteria (both languages, as stored). */
export interface UnitDetail extends UnitRow {
  elements: UnitElement[];
}

export interface UnitOption {
  id: string;
  code: string;
  title: string;
  trade: Trade;
  synthetic: boolean;
}

interface LeanUnit {
  _id: unknown;
  code: string;
  title?: { id: string; en?: string | null } | null;
  trade: string;
  synthetic?: boolean | null;
}

function toRow(u: LeanUnit, lng: Language): UnitRow {
  return {
    id: String(u._id),
    code: u.code,
    title: localized(u.title, lng),
    titleId: u.title?.id ?? '',
    titleEn: u.title?.en ?? '',
    trade: u.trade as Trade,
    synthetic: !!u.synthetic,
  };
}

/** Every competency unit as a choice for a form (courses), ordered by code. */
export async function listUnitOptions(lng: Language): Promise<UnitOption[]> {
  const units = await CompetencyUnit.find({}, { code: 1, title: 1, trade: 1, synthetic: 1 }).sort({ code: 1 }).lean();
  return units.map((u) => {
    const row = toRow(u, lng);
    return { id: row.id, code: row.code, title: row.title, trade: row.trade, synthetic: row.synthetic };
  });
}

/**
 * SKKNI competency units: code with version, title, trade, synthetic flag, and the elements of
 * competency with their performance criteria (KUK) in both languages.
 */
export class CompetencyUnitsService {
  /** Units by code, filtered by trade and by code/title text. @throws ForbiddenError unless coordinator/admin */
  async listUnits(actor: Actor, opts: { trade?: Trade; q?: string; page: number }, lng: Language): Promise<Page<UnitRow>> {
    assertCanManageCatalogue(actor);
    const filter: Record<string, unknown> = {};
    if (opts.trade) filter.trade = opts.trade;
    if (opts.q) {
      const re = new RegExp(escapeRegex(opts.q), 'i');
      filter.$or = [{ code: re }, { 'title.id': re }, { 'title.en': re }];
    }
    const [total, units] = await Promise.all([
      CompetencyUnit.countDocuments(filter),
      CompetencyUnit.find(filter).sort({ code: 1 }).skip((opts.page - 1) * PAGE_SIZE).limit(PAGE_SIZE).lean(),
    ]);
    return pageOf(units.map((u) => toRow(u, lng)), total, opts.page);
  }

  /** One unit with its elements and KUK. @throws NotFoundError, ForbiddenError */
  async getUnit(actor: Actor, id: string, lng: Language): Promise<UnitDetail> {
    assertCanManageCatalogue(actor);
    assertObjectId(id);
    const unit = await CompetencyUnit.findById(id).lean();
    if (!unit) throw new NotFoundError();
    return { ...toRow(unit, lng), elements: elementsOf(unit.elements) };
  }

  /** Elements are optional (none when not given). @throws ValidationError when the code is taken; ForbiddenError */
  async createUnit(actor: Actor, input: UnitInput, elements?: UnitElement[]): Promise<string> {
    assertCanManageCatalogue(actor);
    try {
      const unit = await CompetencyUnit.create(this.fields(input, elements));
      return String(unit._id);
    } catch (err) {
      throw duplicateAs(err, 'code', 'catalogue:validation.unit_code_taken');
    }
  }

  /**
   * Saves the unit; `elements`, when given, replace the stored ones (undefined keeps them).
   * @throws NotFoundError; ValidationError when the new code is taken; ForbiddenError
   */
  async updateUnit(actor: Actor, id: string, input: UnitInput, elements?: UnitElement[]): Promise<void> {
    assertCanManageCatalogue(actor);
    assertObjectId(id);
    let result;
    try {
      result = await CompetencyUnit.updateOne({ _id: id }, { $set: this.fields(input, elements) }, { runValidators: true });
    } catch (err) {
      throw duplicateAs(err, 'code', 'catalogue:validation.unit_code_taken');
    }
    if (result.matchedCount === 0) throw new NotFoundError();
  }

  private fields(input: UnitInput, elements?: UnitElement[]) {
    const base = { code: input.code, title: { id: input.title_id, en: input.title_en }, trade: input.trade, synthetic: input.synthetic };
    return elements ? { ...base, elements } : base;
  }
}
